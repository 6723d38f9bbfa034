import type { NodeDefinition } from '../nodes/define.js';
import type { ImportWarning, ModelMapper, OriginalModel } from './result.js';
import { isRecord } from './read.js';

/** The original's provider settings of a model-using node; `model` ("<providerId>/<modelId>") replaces them. */
const PROVIDER_FIELDS = ['domain', 'url', 'source', 'serviceId', 'llmId', 'patchId', 'patch_id'] as const;
/** Secrets an export may carry; an import never keeps them. */
const CREDENTIAL_FIELDS = ['apiKey', 'apiSecret'] as const;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** Maps a model-using node to the space's model; a node with no match keeps an empty model and is warned about. */
export function mapNodeModel(
  node: Record<string, unknown>,
  definition: NodeDefinition,
  mapModel: ModelMapper,
  warnings: ImportWarning[],
): void {
  const data = node.data;
  if (!isRecord(data) || !isRecord(data.nodeParam) || !definition.usesModel) return;
  const param = data.nodeParam;
  const config = isRecord(param.modelConfig) ? param.modelConfig : undefined;
  const original: OriginalModel = {
    nodeId: String(node.id),
    nodeType: definition.type,
    aliasName: (isRecord(data.nodeMeta) && text(data.nodeMeta.aliasName)) || '',
    nodeParam: structuredClone(param),
  };
  const fields = {
    model: text(param.model),
    domain: text(param.domain) ?? text(config?.domain),
    source: text(param.source),
    url: text(param.url) ?? text(config?.api),
    serviceId: text(param.serviceId),
  };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(original, { [key]: value });
  if (typeof param.llmId === 'string' || typeof param.llmId === 'number') original.llmId = param.llmId;
  if (definition.usesModel === 'optional' && !original.model && !original.domain) return;

  const mapped = mapModel(original);
  for (const key of PROVIDER_FIELDS) delete param[key];
  if (config) {
    delete config.domain;
    delete config.api;
  }
  param.model = mapped?.model ?? '';
  if (mapped) return;
  const was = [original.domain, original.model].filter(Boolean).join(' / ') || 'none';
  warnings.push({
    code: 'model-not-mapped',
    nodeId: original.nodeId,
    message: `Node ${original.nodeId} ("${original.aliasName}"): no model of this space matches the original's model (${was}); choose one before running`,
  });
}

/** Removes API keys and secrets from a node; true when it had some. */
export function removeCredentials(node: Record<string, unknown>): boolean {
  const data = node.data;
  if (!isRecord(data) || !isRecord(data.nodeParam)) return false;
  let removed = false;
  for (const key of CREDENTIAL_FIELDS) {
    if (key in data.nodeParam) {
      delete data.nodeParam[key];
      removed = true;
    }
  }
  return removed;
}
