/**
 * What every importer returns (astron-agent flows, Dify workflows; other formats plug in with the same result).
 * Importing is inert: pure data transformation, nothing runs, connects or is fetched.
 */

export type ImportWarningCode =
  | 'model-not-mapped'
  | 'credentials-removed'
  | 'input-dropped'
  | 'retry-config-dropped'
  /** A node of a type we have no equivalent for was left out, with its edges (Dify: tool, agent, loop...). */
  | 'node-not-supported'
  /** A reference could not be kept: it reads a node that was left out, or a value that does not exist here. */
  | 'reference-not-mapped'
  /** A reference to a value that does not exist here (an environment variable...) became a literal. */
  | 'value-inlined'
  /** Part of a template could not be converted (Jinja2 to Liquid); the node keeps it as written. */
  | 'template-not-converted'
  /** A setting with no equivalent here was dropped or approximated; the message says which. */
  | 'setting-not-supported'
  /** Knowledge bases are the space's own: a retrieval node must have its knowledge bases chosen again. */
  | 'knowledge-base-not-chosen'
  /** Several end nodes were joined into one, as the engine returns the outputs of a single end node. */
  | 'ends-merged';

export interface ImportWarning {
  code: ImportWarningCode;
  message: string;
  /** The node of the imported workflow (our id) the warning is about. */
  nodeId?: string;
  /** The node's id in the file, when it differs from nodeId (Dify's ids are replaced) or the node was left out. */
  sourceNodeId?: string;
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
  /** The original's model name proper ("4.0Ultra", "xdeepseekv3"...); for Dify, the model's name. */
  domain?: string;
  /** "xinghuo" or "openai". */
  source?: string;
  url?: string;
  serviceId?: string;
  llmId?: string | number;
  /**
   * Dify: the model's provider as Dify names it ("openai", "langgenius/openai/openai"); `domain` is then the
   * model's name at that provider ("gpt-4o-mini").
   */
  provider?: string;
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
