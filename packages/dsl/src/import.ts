import type { BodyCandidate } from './bodies.js';
import { inferIterationParents } from './bodies.js';
import { nodeTypeOf, normalizeHandle } from './ids.js';
import { EXPORT_FORMAT, importWorkflowExport } from './export.js';
import { edgeFromConsole, isConsoleEdge, nodeFromConsole, normalizeRetryConfig } from './import/console.js';
import { importDifyWorkflow, isDifyDocument } from './import/dify.js';
import { mapNodeModel, removeCredentials } from './import/models.js';
import { isRecord, readDocument } from './import/read.js';
import type { ImportResult, ImportWarning, ModelMapper } from './import/result.js';
import { DslImportError } from './import/result.js';
import { getNodeDefinition } from './nodes/registry.js';

export type { ImportResult, ImportWarning, ImportWarningCode, ModelMapper, OriginalModel } from './import/result.js';
export { DslImportError } from './import/result.js';
export type { ImportErrorCode } from './import/result.js';
export { importDifyWorkflow, isDifyDocument } from './import/dify.js';
export type { DifyImportOptions, DifyImportResult } from './import/dify.js';
export { jinjaToLiquid } from './import/jinja.js';
export type { LiquidConversion } from './import/jinja.js';

export interface AstronImportOptions {
  mapModel: ModelMapper;
}

interface Unwrapped {
  nodes: unknown[];
  edges: unknown[];
  name: string;
  description: string;
  fromConsole: boolean;
}

const FORMATS_HINT =
  'expected an astron-agent workflow: its engine form { data: { nodes, edges }, name, description, id, version }, ' +
  'bare { nodes, edges }, or its console export { flowMeta, flowData }';

function unwrap(document: unknown): Unwrapped {
  if (!isRecord(document)) throw new DslImportError('unrecognized-format', `Not a workflow: ${FORMATS_HINT}`);
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const lists = (holder: Record<string, unknown>, meta: Record<string, unknown>, fromConsole?: boolean): Unwrapped => {
    const nodes = Array.isArray(holder.nodes) ? (holder.nodes as unknown[]) : [];
    const edges = Array.isArray(holder.edges) ? (holder.edges as unknown[]) : [];
    return {
      nodes,
      edges,
      name: text(meta.name) || 'Imported workflow',
      description: text(meta.description),
      fromConsole: fromConsole ?? edges.some(isConsoleEdge),
    };
  };
  if (isRecord(document.flowData)) {
    return lists(document.flowData, isRecord(document.flowMeta) ? document.flowMeta : {}, true);
  }
  if (isRecord(document.data) && Array.isArray(document.data.nodes)) return lists(document.data, document);
  if (Array.isArray(document.nodes)) return lists(document, document);
  throw new DslImportError('unrecognized-format', `Not a workflow: ${FORMATS_HINT}`);
}

/**
 * Turns a workflow exported by the original astron-agent into our DSL. Pure data transformation: model settings
 * become the space's model through `mapModel`, secrets are dropped, the console's canvas form is converted, and
 * iteration bodies are marked with parentId. The result is not validated: run validateWorkflow on `dsl`.
 */
export function importAstronFlow(input: unknown, options: AstronImportOptions): ImportResult {
  const source = unwrap(readDocument(input));
  const warnings: ImportWarning[] = [];
  const nodes = source.nodes.map((node) => (isRecord(node) ? structuredClone(node) : node));
  const edges = source.edges.map((edge) => {
    if (!isRecord(edge)) return edge;
    const copy = source.fromConsole ? edgeFromConsole(structuredClone(edge)) : structuredClone(edge);
    if (typeof copy.sourceHandle === 'string') copy.sourceHandle = normalizeHandle(copy.sourceHandle);
    return copy;
  });
  const withSecrets: string[] = [];
  for (const node of nodes) {
    if (!isRecord(node)) continue;
    if (source.fromConsole) nodeFromConsole(node, warnings);
    normalizeRetryConfig(node, warnings);
    const type = typeof node.id === 'string' ? nodeTypeOf(node.id) : null;
    const definition = type ? getNodeDefinition(type) : undefined;
    if (definition) mapNodeModel(node, definition, options.mapModel, warnings);
    if (removeCredentials(node)) withSecrets.push(String(node.id));
  }
  if (withSecrets.length > 0) {
    warnings.push({
      code: 'credentials-removed',
      message: `API keys and secrets were removed from ${withSecrets.join(', ')}; the space's own credentials are used`,
    });
  }
  markIterationBodies(nodes, edges);
  return { dsl: { nodes, edges }, name: source.name, description: source.description, warnings };
}

/** Writes parentId on the nodes of iteration bodies that the original left unmarked. */
function markIterationBodies(nodes: unknown[], edges: unknown[]): void {
  const records = nodes.filter((node): node is Record<string, unknown> => isRecord(node) && typeof node.id === 'string');
  const candidates = records.map((node): BodyCandidate => {
    const data = isRecord(node.data) ? node.data : {};
    const param = isRecord(data.nodeParam) ? data.nodeParam : {};
    const parentId = typeof node.parentId === 'string' ? node.parentId : typeof data.parentId === 'string' ? data.parentId : '';
    return {
      id: node.id as string,
      type: nodeTypeOf(node.id as string) ?? undefined,
      parentId: parentId || undefined,
      iterationStartId: typeof param.IterationStartNodeId === 'string' ? param.IterationStartNodeId : undefined,
    };
  });
  const links = edges.flatMap((edge) =>
    isRecord(edge) && typeof edge.sourceNodeId === 'string' && typeof edge.targetNodeId === 'string'
      ? [{ sourceNodeId: edge.sourceNodeId, targetNodeId: edge.targetNodeId }]
      : [],
  );
  const inferred = inferIterationParents(candidates, links);
  for (const node of records) {
    const parent = inferred.get(node.id as string);
    if (parent) node.parentId = parent;
  }
}

/** The kinds of workflow file importWorkflowFile reads. */
export type WorkflowFileFormat = 'astron-workflow' | 'astron-agent' | 'dify';

export interface WorkflowFileImport extends ImportResult {
  format: WorkflowFileFormat;
  /** Dify imports: Dify node id → our node id. */
  idMap?: Record<string, string>;
}

/** Which importer a parsed document is for; anything unrecognized is left to the astron-agent importer to refuse. */
export function detectWorkflowFormat(document: unknown): WorkflowFileFormat {
  if (isRecord(document) && document.format === EXPORT_FORMAT) return 'astron-workflow';
  if (isDifyDocument(document)) return 'dify';
  return 'astron-agent';
}

/**
 * One entry for any workflow file, as an object or JSON / YAML text: our export (`astron-workflow`), the original
 * astron-agent's (engine form or console export), or a Dify app's workflow DSL. Like every import it is inert and
 * its result is not validated: run validateWorkflow on `dsl`.
 */
export function importWorkflowFile(input: unknown, options: AstronImportOptions): WorkflowFileImport {
  const document = readDocument(input);
  const format = detectWorkflowFormat(document);
  if (format === 'astron-workflow') return { format, ...importWorkflowExport(document) };
  if (format === 'dify') return { format, ...importDifyWorkflow(document, options) };
  return { format, ...importAstronFlow(document, options) };
}
