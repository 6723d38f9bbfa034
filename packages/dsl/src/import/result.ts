/**
 * What every importer returns (astron-agent flows here; other formats plug in with the same result). Importing is
 * inert: pure data transformation, nothing runs, connects or is fetched.
 */

export type ImportWarningCode = 'model-not-mapped' | 'credentials-removed' | 'input-dropped' | 'retry-config-dropped';

export interface ImportWarning {
  code: ImportWarningCode;
  message: string;
  nodeId?: string;
}

export interface ImportResult {
  /** The workflow in our DSL, not yet validated: run validateWorkflow on it before saving or running. */
  dsl: { nodes: unknown[]; edges: unknown[] };
  name: string;
  description: string;
  warnings: ImportWarning[];
}

/** The model settings of one node of the imported flow, as the original wrote them. */
export interface OriginalModel {
  nodeId: string;
  nodeType: string;
  aliasName: string;
  /** The original's provider-ish name ("spark", "xdeepseekv3"...). */
  model?: string;
  /** The original's model name proper ("4.0Ultra", "xdeepseekv3"...). */
  domain?: string;
  /** "xinghuo" or "openai". */
  source?: string;
  url?: string;
  serviceId?: string;
  llmId?: string | number;
  nodeParam: Readonly<Record<string, unknown>>;
}

/** Chooses the space's model for a node of an imported flow; null when none fits. */
export type ModelMapper = (original: OriginalModel) => { model: string } | null;

export type ImportErrorCode = 'unreadable' | 'unrecognized-format';

/** The input is not a workflow this importer knows; nothing was imported. */
export class DslImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DslImportError';
  }
}
