import type { Problem } from '@astron/dsl';
import type { DraftInput } from '../editor/draft.js';

export interface ModelOption {
  value: string;
  label: string;
}

/** What the generated fields of one node need besides their own schema and value. */
export interface FieldContext {
  nodeType: string;
  inputs: DraftInput[];
  models: ModelOption[];
  /** The node's problems; each field shows those naming it. */
  problems: Problem[];
  editable: boolean;
}
