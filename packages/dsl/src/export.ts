import { DslImportError } from './import/result.js';
import type { ImportResult } from './import/result.js';
import { isRecord, readDocument } from './import/read.js';
import type { WorkflowDslInput } from './types.js';

export const EXPORT_FORMAT = 'astron-workflow';
export const EXPORT_FORMAT_VERSION = 1;

export interface WorkflowExport {
  format: typeof EXPORT_FORMAT;
  formatVersion: typeof EXPORT_FORMAT_VERSION;
  name: string;
  description: string;
  data: WorkflowDslInput;
}

/** Our export file: the workflow with its name, tagged with the format and its version. */
export function exportWorkflow(dsl: WorkflowDslInput, meta: { name: string; description?: string }): WorkflowExport {
  return {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    name: meta.name,
    description: meta.description ?? '',
    data: structuredClone(dsl),
  };
}

/** Reads a file written by exportWorkflow (JSON text or object); like every import, the result is not validated. */
export function importWorkflowExport(input: unknown): ImportResult {
  const document = readDocument(input);
  if (!isRecord(document) || document.format !== EXPORT_FORMAT || !isRecord(document.data)) {
    throw new DslImportError('unrecognized-format', `Not an ${EXPORT_FORMAT} export`);
  }
  if (document.formatVersion !== EXPORT_FORMAT_VERSION) {
    throw new DslImportError(
      'unrecognized-format',
      `${EXPORT_FORMAT} formatVersion ${String(document.formatVersion)} is not supported (expected ${EXPORT_FORMAT_VERSION})`,
    );
  }
  const { nodes, edges } = structuredClone(document.data);
  if (!Array.isArray(nodes) || !Array.isArray(edges)) {
    throw new DslImportError('unrecognized-format', `The ${EXPORT_FORMAT} export has no data.nodes and data.edges lists`);
  }
  return {
    dsl: { nodes: nodes as unknown[], edges: edges as unknown[] },
    name: typeof document.name === 'string' ? document.name : '',
    description: typeof document.description === 'string' ? document.description : '',
    warnings: [],
  };
}
