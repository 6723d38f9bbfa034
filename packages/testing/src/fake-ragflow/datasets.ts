import { ok, refuse, retCode, validatedJson } from './envelope.js';
import type { Envelope } from './envelope.js';
import { fieldError } from './route.js';
import type { Route, RouteInput } from './route.js';
import { datasetView, newId } from './state.js';
import type { FakeDataset, FakeRagflowState } from './state.js';

const chunkMethods = 'naive book email laws manual one paper picture presentation qa table tag'.split(' ');
const createFields = new Set(
  'name avatar description embedding_model permission chunk_method parser_config'.split(' '),
);
const listParameters = new Set(['id', 'name', 'page', 'page_size', 'orderby', 'desc']);
const defaultEmbeddingModel = 'BAAI/bge-large-zh-v1.5@BAAI';

function createError(body: Record<string, unknown>): string | undefined {
  const extra = Object.keys(body).find((key) => !createFields.has(key));
  if (extra !== undefined) return fieldError(extra, 'Extra inputs are not permitted', body[extra]);
  const name = body.name;
  if (name === undefined) return fieldError('name', 'Field required', body);
  if (typeof name !== 'string') return fieldError('name', 'Input should be a valid string', name);
  if (name.trim() === '') return fieldError('name', 'String should have at least 1 character', '');
  if (name.trim().length > 128) return fieldError('name', 'String should have at most 128 characters', name);
  const method = body.chunk_method;
  if (method !== undefined && !(typeof method === 'string' && chunkMethods.includes(method))) {
    const allowed = chunkMethods.map((option) => `'${option}'`);
    const expected = `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1) ?? ''}`;
    return fieldError('chunk_method', `Input should be ${expected}`, method);
  }
  const model = body.embedding_model;
  if (model !== undefined && !(typeof model === 'string' && /^[^@]+@[^@]+$/.test(model))) {
    const message = 'Value error, Embedding model identifier must follow <model_name>@<provider> format';
    return fieldError('embedding_model', message, model);
  }
  const permission = body.permission;
  if (permission !== undefined && permission !== 'me' && permission !== 'team') {
    return fieldError('permission', "Input should be 'me' or 'team'", permission);
  }
  return undefined;
}

function createDataset(input: RouteInput): Envelope {
  const body = validatedJson(input.body, input.headers['content-type']);
  const error = createError(body);
  if (error !== undefined) refuse(retCode.argument, error);
  const name = (body.name as string).trim();
  const taken = [...input.state.datasets.values()].some(
    (dataset) => dataset.name.toLowerCase() === name.toLowerCase(),
  );
  if (taken) refuse(retCode.operating, `Dataset name '${name}' already exists`);
  const now = new Date();
  const dataset: FakeDataset = {
    id: newId(),
    name,
    description: typeof body.description === 'string' ? body.description : null,
    embeddingModel: typeof body.embedding_model === 'string' ? body.embedding_model : defaultEmbeddingModel,
    chunkMethod: typeof body.chunk_method === 'string' ? body.chunk_method : 'naive',
    parserConfig: {
      chunk_token_num: 512,
      delimiter: '\\n',
      html4excel: false,
      layout_recognize: 'DeepDOC',
      raptor: { use_raptor: false },
      ...(body.parser_config as Record<string, unknown> | undefined),
    },
    permission: typeof body.permission === 'string' ? body.permission : 'me',
    createdAt: now,
    updatedAt: now,
    documents: new Map(),
  };
  input.state.datasets.set(dataset.id, dataset);
  return ok(datasetView(input.state, dataset));
}

function positiveInteger(query: URLSearchParams, name: string, fallback: number): number | string {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) {
    return fieldError(name, 'Input should be a valid integer, unable to parse string as an integer', raw);
  }
  return value >= 1 ? value : fieldError(name, 'Input should be greater than or equal to 1', raw);
}

function listDatasets({ state, query }: RouteInput): Envelope {
  const extra = [...query.keys()].find((key) => !listParameters.has(key));
  if (extra !== undefined) {
    refuse(retCode.argument, fieldError(extra, 'Extra inputs are not permitted', query.get(extra)));
  }
  const page = positiveInteger(query, 'page', 1);
  const pageSize = positiveInteger(query, 'page_size', 30);
  if (typeof page === 'string') refuse(retCode.argument, page);
  if (typeof pageSize === 'string') refuse(retCode.argument, pageSize);
  const id = query.get('id');
  const name = query.get('name')?.toLowerCase();
  let datasets = [...state.datasets.values()];
  if (id !== null) datasets = datasets.filter((dataset) => dataset.id === id);
  if (name !== undefined) datasets = datasets.filter((dataset) => dataset.name.toLowerCase() === name);
  // RAGFlow answers a filter that matches nothing with a permission error, not an empty list.
  const filter = id ?? query.get('name');
  if (filter !== null && datasets.length === 0) {
    refuse(retCode.permission, `User '${state.tenantId}' lacks permission for dataset '${filter}'`);
  }
  const field = query.get('orderby') === 'update_time' ? 'updatedAt' : 'createdAt';
  const descending = !['false', 'False'].includes(query.get('desc') ?? '');
  datasets.sort((left, right) => {
    const order = left[field].getTime() - right[field].getTime();
    return descending ? -order : order;
  });
  const pageItems = datasets.slice((page - 1) * pageSize, page * pageSize);
  return ok(
    pageItems.map((dataset) => datasetView(state, dataset)),
    { total_datasets: datasets.length },
  );
}

function deleteDatasets(input: RouteInput): Envelope {
  const body = validatedJson(input.body, input.headers['content-type']);
  const { state } = input;
  if (!('ids' in body)) refuse(retCode.argument, fieldError('ids', 'Field required', body));
  const ids = body.ids;
  if (ids !== null && !(Array.isArray(ids) && ids.every((id) => typeof id === 'string'))) {
    refuse(retCode.argument, fieldError('ids', 'Input should be a valid list', ids));
  }
  // `ids: null` deletes every dataset of the tenant (RAGFlow up to v0.24 does exactly that).
  const targets = ids === null ? [...state.datasets.keys()] : ids;
  const missing = targets.filter((id) => !state.datasets.has(id));
  if (missing.length > 0) {
    refuse(
      retCode.permission,
      `User '${state.tenantId}' lacks permission for datasets: '${missing.join(', ')}'`,
    );
  }
  for (const id of targets) {
    const dataset = state.datasets.get(id);
    for (const document of dataset?.documents.values() ?? []) input.parsing.cancel(document.id);
    state.datasets.delete(id);
  }
  return ok();
}

export const datasetRoutes: Route[] = [
  { method: 'POST', pattern: /^\/api\/v1\/datasets$/, handle: createDataset },
  { method: 'GET', pattern: /^\/api\/v1\/datasets$/, handle: listDatasets },
  { method: 'DELETE', pattern: /^\/api\/v1\/datasets$/, handle: deleteDatasets },
];

/**
 * The dataset a per-dataset route names, or RAGFlow's refusal; some of its handlers end that message
 * with a space, hence `suffix`.
 */
export function ownedDataset(state: FakeRagflowState, id: string, suffix: '' | ' ' = ''): FakeDataset {
  return state.datasets.get(id) ?? refuse(retCode.data, `You don't own the dataset ${id}.${suffix}`);
}
