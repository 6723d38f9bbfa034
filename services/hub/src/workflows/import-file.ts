import {
  DslImportError,
  getNodeDefinition,
  importWorkflowFile,
  nodeTypeOf,
  type ImportResult,
  type ImportWarning,
  type ModelMapper,
} from '@astron/dsl';
import type { Database } from '@astron/kit/db';
import { badRequest } from '@astron/kit/errors';
import { parseModelRef, readModels } from '../providers/models.js';
import { providerStore } from '../providers/store.js';
import type { HubSchema } from '../store/tables.js';
import { draftSchema, type WorkflowDraft } from './schemas.js';

export interface ImportedFile {
  /** Which export the file was: ours, the original astron-agent's, or a Dify app's. */
  format: 'astron-workflow' | 'astron-agent' | 'dify';
  name: string;
  description: string;
  draft: WorkflowDraft;
  warnings: ImportWarning[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The document when the file is an object or JSON text; null for YAML text. */
function jsonDocument(file: unknown): unknown {
  if (typeof file !== 'string') return file;
  try {
    return JSON.parse(file) as unknown;
  } catch {
    return null;
  }
}

/** The data of our export as written, so what the canvas kept beside nodes and edges survives the round trip. */
function exportedData(file: unknown): Record<string, unknown> {
  const document = jsonDocument(file);
  return isRecord(document) && isRecord(document.data) ? document.data : {};
}

/** The space's chat models by id: the original names its model by `domain`, which is the model id at a provider. */
async function spaceModels(db: Database<HubSchema>, spaceId: string) {
  const providers = await providerStore(db).list(spaceId);
  const byModelId = new Map<string, string>();
  for (const provider of providers) {
    for (const model of readModels(provider.models)) {
      if (model.kind === 'chat' && !byModelId.has(model.id)) byModelId.set(model.id, `${provider.id}/${model.id}`);
    }
  }
  return { providerIds: new Set(providers.map((provider) => provider.id)), byModelId };
}

/** Our export may come from another space: a model naming a provider this space lacks is cleared, with the DSL's warning. */
function dropForeignModels(dsl: ImportResult['dsl'], providerIds: Set<string>, warnings: ImportWarning[]): void {
  for (const node of dsl.nodes) {
    if (!isRecord(node) || typeof node.id !== 'string' || !isRecord(node.data) || !isRecord(node.data.nodeParam)) continue;
    const type = nodeTypeOf(node.id);
    const model = node.data.nodeParam.model;
    if (type === null || getNodeDefinition(type)?.usesModel === undefined || typeof model !== 'string' || model === '') continue;
    const reference = parseModelRef(model);
    if (reference !== null && providerIds.has(reference.providerId)) continue;
    node.data.nodeParam.model = '';
    warnings.push({ code: 'model-not-mapped', nodeId: node.id, message: `Node ${node.id}: model ${model} names no model provider of this space; choose one before running` });
  }
}

function read(file: unknown, mapModel: ModelMapper): { format: ImportedFile['format']; result: ImportResult } {
  try {
    const { format, ...result } = importWorkflowFile(file, { mapModel });
    return { format, result };
  } catch (error) {
    if (error instanceof DslImportError) throw badRequest(error.message, undefined, error.code === 'unreadable' ? 'unreadable_file' : 'unrecognized_format');
    throw error;
  }
}

/**
 * Turns an uploaded file into a draft: our export (`astron-workflow`), the original astron-agent's export (its
 * engine form or console export, JSON or YAML), or a Dify app's workflow YAML (its common nodes). Model settings of the original become a chat model of this space
 * whose id equals the original's `domain`, else they stay empty with a warning. Nothing runs or is fetched.
 */
export async function readImportFile(db: Database<HubSchema>, spaceId: string, file: unknown): Promise<ImportedFile> {
  const models = await spaceModels(db, spaceId);
  const mapModel: ModelMapper = (original) => {
    const model = original.domain === undefined ? undefined : models.byModelId.get(original.domain);
    return model === undefined ? null : { model };
  };
  const { format, result } = read(file, mapModel);
  const warnings = [...result.warnings];
  if (format === 'astron-workflow') dropForeignModels(result.dsl, models.providerIds, warnings);
  const extras = format === 'astron-workflow' ? exportedData(file) : {};
  const draft = draftSchema.safeParse({ ...extras, nodes: result.dsl.nodes, edges: result.dsl.edges });
  if (!draft.success) {
    const problems = draft.error.issues.map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`).join('; ');
    throw badRequest(`the file's workflow cannot be a draft: ${problems}`, undefined, 'unrecognized_format');
  }
  return {
    format,
    name: (result.name.trim() || 'Imported workflow').slice(0, 128),
    description: result.description.slice(0, 2000),
    draft: draft.data,
    warnings,
  };
}
