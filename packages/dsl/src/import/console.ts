import type { ImportWarning } from './result.js';
import { isRecord } from './read.js';

/**
 * The original's canvas form (its console export, `{flowMeta, flowData}`) turned into the engine form, as its
 * console does before calling its engine (console/backend WorkflowService bizNodesToSysNodes / bizEdgesToSysEdges):
 * edges name sourceNodeId / targetNodeId, the node's label is its aliasName, inputs left unconnected are dropped
 * and the "time" type is a string.
 */
export function edgeFromConsole(edge: Record<string, unknown>): Record<string, unknown> {
  if (typeof edge.sourceNodeId === 'string') return edge;
  const { source, target, ...rest } = edge;
  return { ...rest, sourceNodeId: source, targetNodeId: target };
}

export function isConsoleEdge(edge: unknown): boolean {
  return isRecord(edge) && 'source' in edge && !('sourceNodeId' in edge);
}

export function nodeFromConsole(node: Record<string, unknown>, warnings: ImportWarning[]): void {
  const data = node.data;
  if (!isRecord(data)) return;
  if (isRecord(data.nodeMeta) && !data.nodeMeta.aliasName && typeof data.label === 'string') {
    data.nodeMeta.aliasName = data.label;
  }
  if (!Array.isArray(data.inputs)) return;
  data.inputs = data.inputs.filter((input: unknown) => {
    if (!isRecord(input) || !isRecord(input.schema)) return true;
    if (input.schema.type === 'time') input.schema.type = 'string';
    const value = input.schema.value;
    if (!isRecord(value) || !isEmpty(value.content)) return true;
    warnings.push({
      code: 'input-dropped',
      nodeId: String(node.id),
      message: `Node ${String(node.id)}: input "${String(input.name)}" had no value and was left out, as the original does`,
    });
    return false;
  });
}

/** As the original console's isInputContentEmpty: nothing but blanks, empty lists and empty objects. */
function isEmpty(content: unknown): boolean {
  if (content === null || content === undefined) return true;
  if (typeof content === 'string') return content.trim() === '';
  if (Array.isArray(content)) return content.every(isEmpty);
  if (isRecord(content)) return Object.values(content).every(isEmpty);
  return false;
}

const RETRY_KEYS = {
  shouldRetry: 'should_retry',
  maxRetries: 'max_retries',
  errorStrategy: 'error_strategy',
  customOutput: 'custom_output',
} as const;

/**
 * The original console writes retryConfig in camelCase with customOutput as JSON text, and passes it on as is;
 * our DSL uses the engine's snake_case names with custom_output an object.
 */
export function normalizeRetryConfig(node: Record<string, unknown>, warnings: ImportWarning[]): void {
  const data = node.data;
  if (!isRecord(data) || !isRecord(data.retryConfig)) return;
  const retry = data.retryConfig;
  for (const [camel, snake] of Object.entries(RETRY_KEYS)) {
    if (!(camel in retry)) continue;
    if (!(snake in retry)) retry[snake] = retry[camel];
    delete retry[camel];
  }
  if (typeof retry.custom_output !== 'string') return;
  const text = retry.custom_output.trim();
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (!isRecord(parsed)) throw new Error('not an object');
    retry.custom_output = parsed;
  } catch {
    retry.custom_output = {};
    warnings.push({
      code: 'retry-config-dropped',
      nodeId: String(node.id),
      message: `Node ${String(node.id)}: the custom output on error is not a JSON object and was left out`,
    });
  }
}
