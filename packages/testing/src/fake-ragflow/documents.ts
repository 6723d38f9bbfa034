import { ownedDataset } from './datasets.js';
import { failWithData, flaskJson, ok, refuse, Refusal, retCode } from './envelope.js';
import type { Envelope } from './envelope.js';
import type { Route, RouteInput } from './route.js';
import { documentView, newId } from './state.js';
import type { FakeChunk, FakeDataset, FakeDocument } from './state.js';

/** Python's repr of a list of strings, which RAGFlow puts into some messages. */
const pythonList = (items: string[]): string => `[${items.map((item) => `'${item}'`).join(', ')}]`;

function pageOf<T>(items: T[], query: URLSearchParams): T[] {
  const page = Number(query.get('page') ?? 1);
  const pageSize = Number(query.get('page_size') ?? 30);
  return items.slice((page - 1) * pageSize, page * pageSize);
}

/** RAGFlow's `duplicate_name`: a second `a.txt` in a dataset becomes `a(1).txt`. */
function freeName(dataset: FakeDataset, name: string): string {
  const taken = new Set([...dataset.documents.values()].map((document) => document.name));
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  let candidate = name;
  for (let copy = 1; taken.has(candidate); copy += 1) candidate = `${stem}(${copy})${extension}`;
  return candidate;
}

type UploadedFile = Exclude<ReturnType<FormData['get']>, string | null>;

/** The `file` fields of a multipart body; the web `Response` of Node parses multipart/form-data. */
async function uploadedFiles(input: RouteInput): Promise<UploadedFile[]> {
  try {
    const headers = { 'content-type': input.headers['content-type'] ?? '' };
    const form = await new Response(input.body, { headers }).formData();
    return form.getAll('file').filter((value): value is UploadedFile => typeof value !== 'string');
  } catch {
    return []; // not multipart: Flask sees no files at all
  }
}

async function uploadDocuments(input: RouteInput): Promise<Envelope> {
  const files = await uploadedFiles(input);
  if (files.length === 0) refuse(retCode.argument, 'No file part!');
  if (files.some((file) => file.name === '')) refuse(retCode.argument, 'No file selected!');
  const [datasetId = ''] = input.params;
  const dataset = input.state.datasets.get(datasetId);
  if (dataset === undefined) {
    // Its upload handler raises LookupError; the catch-all handler shows the exception's repr.
    throw new Refusal(
      failWithData(retCode.exception, `LookupError("Can't find the dataset with ID ${datasetId}!")`, null),
    );
  }
  const uploaded: FakeDocument[] = [];
  for (const file of files) {
    const now = new Date();
    const document: FakeDocument = {
      id: newId(),
      datasetId: dataset.id,
      name: freeName(dataset, file.name),
      bytes: Buffer.from(await file.arrayBuffer()),
      contentType: file.type,
      run: 'UNSTART',
      progress: 0,
      progressMessage: '',
      processBeginAt: null,
      chunks: [],
      tokenCount: 0,
      createdAt: now,
      updatedAt: now,
    };
    dataset.documents.set(document.id, document);
    uploaded.push(document);
  }
  return ok(uploaded.map((document) => documentView(input.state, document)));
}

function ownedDocument(dataset: FakeDataset, id: string): FakeDocument {
  return dataset.documents.get(id) ?? refuse(retCode.data, `You don't own the document ${id}.`);
}

function listDocuments({ state, params, query }: RouteInput): Envelope {
  const dataset = ownedDataset(state, params[0] ?? '', ' ');
  const id = query.get('id');
  const name = query.get('name');
  if (id !== null) ownedDocument(dataset, id);
  if (name !== null && ![...dataset.documents.values()].some((document) => document.name === name)) {
    refuse(retCode.data, `You don't own the document ${name}.`);
  }
  const keywords = (query.get('keywords') ?? '').toLowerCase();
  const documents = [...dataset.documents.values()]
    .filter((document) => id === null || document.id === id)
    .filter((document) => name === null || document.name === name)
    .filter((document) => document.name.toLowerCase().includes(keywords));
  const field = query.get('orderby') === 'update_time' ? 'updatedAt' : 'createdAt';
  const descending = query.get('desc') !== 'False';
  documents.sort((left, right) => (descending ? -1 : 1) * (left[field].getTime() - right[field].getTime()));
  const docs = pageOf(documents, query).map((document) => documentView(state, document));
  return ok({ total: documents.length, docs });
}

function deleteDocuments(input: RouteInput): Envelope {
  const dataset = ownedDataset(input.state, input.params[0] ?? '', ' ');
  const body = flaskJson(input.body);
  const requested = Array.isArray(body.ids)
    ? body.ids.filter((id): id is string => typeof id === 'string')
    : [];
  // No ids (or an empty list) deletes every document of the dataset, as in RAGFlow up to v0.24.
  const ids = requested.length > 0 ? [...new Set(requested)] : [...dataset.documents.keys()];
  const notFound = ids.filter((id) => !dataset.documents.has(id));
  for (const id of ids) {
    input.parsing.cancel(id);
    dataset.documents.delete(id);
  }
  if (notFound.length > 0) refuse(retCode.data, `Documents not found: ${pythonList(notFound)}`);
  return ok();
}

function startParsing(input: RouteInput): Envelope {
  const dataset = ownedDataset(input.state, input.params[0] ?? '');
  const body = flaskJson(input.body);
  const ids = Array.isArray(body.document_ids) ? [...new Set(body.document_ids.map(String))] : [];
  if (ids.length === 0) refuse(retCode.data, '`document_ids` is required');
  const notFound: string[] = [];
  for (const id of ids) {
    const document = dataset.documents.get(id);
    if (document === undefined) {
      notFound.push(id);
      continue;
    }
    if (document.progress > 0 && document.progress < 1) {
      refuse(retCode.data, "Can't parse document that is currently being processed");
    }
    input.parsing.start(document);
  }
  if (notFound.length > 0) refuse(retCode.data, `Documents not found: ${pythonList(notFound)}`);
  return ok();
}

function chunkView(document: FakeDocument, chunk: FakeChunk): Record<string, unknown> {
  return {
    available: true,
    content: chunk.content,
    dataset_id: document.datasetId,
    docnm_kwd: document.name,
    document_id: document.id,
    id: chunk.id,
    image_id: '',
    important_keywords: [],
    positions: [],
    questions: [],
  };
}

function listChunks({ state, params, query }: RouteInput): Envelope {
  const dataset = ownedDataset(state, params[0] ?? '');
  const document = ownedDocument(dataset, params[1] ?? '');
  const chunkId = query.get('id');
  const keywords = (query.get('keywords') ?? '').toLowerCase();
  if (chunkId !== null && !document.chunks.some((chunk) => chunk.id === chunkId)) {
    refuse(404, `Chunk not found: ${dataset.id}/${chunkId}`);
  }
  const matching = document.chunks
    .filter((chunk) => chunkId === null || chunk.id === chunkId)
    .filter((chunk) => chunk.content.toLowerCase().includes(keywords));
  return ok({
    total: matching.length,
    chunks: pageOf(matching, query).map((chunk) => chunkView(document, chunk)),
    doc: documentView(state, document),
  });
}

const datasetPath = '^/api/v1/datasets/([^/]+)';

export const documentRoutes: Route[] = [
  { method: 'POST', pattern: new RegExp(`${datasetPath}/documents$`), handle: uploadDocuments },
  { method: 'GET', pattern: new RegExp(`${datasetPath}/documents$`), handle: listDocuments },
  { method: 'DELETE', pattern: new RegExp(`${datasetPath}/documents$`), handle: deleteDocuments },
  { method: 'POST', pattern: new RegExp(`${datasetPath}/chunks$`), handle: startParsing },
  { method: 'GET', pattern: new RegExp(`${datasetPath}/documents/([^/]+)/chunks$`), handle: listChunks },
];
