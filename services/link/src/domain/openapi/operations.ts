import { toolInputs, type BodySpec, type ParameterSpec } from './inputs.js';
import { cleanSchema } from './schema.js';
import type { JsonSchema, Operation, ParameterLocation, SkippedOperation } from './types.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const LOCATIONS = new Set<string>(['path', 'query', 'header', 'cookie']);
const FORM = 'application/x-www-form-urlencoded';

type Doc = Record<string, unknown>;

function isRecord(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const records = (value: unknown): Doc[] => (Array.isArray(value) ? value.filter(isRecord) : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const isJsonMedia = (media: string) => /^application\/(?:[\w.+-]+\+)?json\b/i.test(media);

/** The operation's parameters over the path's, the operation's winning on the same name and location. */
function mergedParameters(pathItem: Doc, operation: Doc): Doc[] {
  const merged = new Map<string, Doc>();
  for (const parameter of [...records(pathItem.parameters), ...records(operation.parameters)]) merged.set(`${String(parameter.in)}:${String(parameter.name)}`, parameter);
  return [...merged.values()];
}

/** Swagger 2 keeps a parameter's schema in the parameter itself. */
function swaggerSchema(parameter: Doc): JsonSchema {
  const keys = ['type', 'format', 'items', 'enum', 'default', 'minimum', 'maximum', 'pattern', 'minLength', 'maxLength', 'minItems', 'maxItems'];
  return Object.fromEntries(keys.filter((key) => parameter[key] !== undefined).map((key) => [key, parameter[key]]));
}

function parameterSpec(parameter: Doc, swagger: boolean): ParameterSpec | null {
  const location = String(parameter.in);
  if (!LOCATIONS.has(location) || typeof parameter.name !== 'string') return null;
  const content = isRecord(parameter.content) ? Object.values(parameter.content).find(isRecord) : undefined;
  const schema = swagger ? swaggerSchema(parameter) : (parameter.schema ?? content?.schema ?? {});
  const style = text(parameter.style) ?? (location === 'query' || location === 'cookie' ? 'form' : 'simple');
  const explode = swagger ? parameter.collectionFormat === 'multi' : typeof parameter.explode === 'boolean' ? parameter.explode : style === 'form';
  return { name: parameter.name, in: location as ParameterLocation, required: parameter.required === true, description: text(parameter.description), schema, explode };
}

/** OpenAPI 3: JSON (or +json) first, then a form; another media type only is no body we can send. */
function openapiBody(operation: Doc): BodySpec | string | null {
  const requestBody = operation.requestBody;
  if (!isRecord(requestBody) || !isRecord(requestBody.content)) return null;
  const media = Object.keys(requestBody.content);
  const chosen = media.find((type) => type.toLowerCase().startsWith('application/json')) ?? media.find(isJsonMedia) ?? media.find((type) => type.toLowerCase().startsWith(FORM));
  const required = requestBody.required === true;
  if (chosen === undefined) return required ? `its request body is ${media.join(', ')}; only JSON and form bodies are supported` : null;
  const entry = requestBody.content[chosen];
  return { mediaType: chosen, kind: isJsonMedia(chosen) ? 'json' : 'form', schema: isRecord(entry) ? (entry.schema ?? {}) : {}, required };
}

/** Swagger 2: an `in: body` parameter, or `formData` parameters sent as a form. */
function swaggerBody(parameters: Doc[], consumes: string[]): BodySpec | string | null {
  const body = parameters.find((parameter) => parameter.in === 'body');
  if (body !== undefined) return { mediaType: consumes.find(isJsonMedia) ?? 'application/json', kind: 'json', schema: body.schema ?? {}, required: body.required === true };
  const fields = parameters.filter((parameter) => parameter.in === 'formData');
  if (fields.length === 0) return null;
  if (fields.some((field) => field.type === 'file')) return 'it uploads a file (multipart); only JSON and form bodies are supported';
  const properties = Object.fromEntries(fields.map((field) => [String(field.name), { ...swaggerSchema(field), ...(text(field.description) === undefined ? {} : { description: field.description }) }]));
  const required = fields.filter((field) => field.required === true).map((field) => String(field.name));
  return { mediaType: FORM, kind: 'form', schema: { type: 'object', properties, required }, required: required.length > 0 };
}

/** The JSON schema of the first successful response, if the document describes one. */
function outputSchema(operation: Doc, swagger: boolean): JsonSchema | null {
  if (!isRecord(operation.responses)) return null;
  const codes = Object.keys(operation.responses).filter((code) => /^2(\d\d|XX)$/i.test(code)).sort();
  for (const code of codes) {
    const response = operation.responses[code];
    if (!isRecord(response)) continue;
    if (swagger && response.schema !== undefined) return cleanSchema(response.schema, 'output');
    const content = isRecord(response.content) ? response.content : {};
    const media = Object.keys(content).find(isJsonMedia);
    const entry = media === undefined ? undefined : content[media];
    if (isRecord(entry) && entry.schema !== undefined) return cleanSchema(entry.schema, 'output');
  }
  return null;
}

/** A name models accept for a function: letters, digits, _ and -, at most 64, unique in the document. */
function functionName(raw: string, taken: Set<string>): string {
  const base = raw.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/_+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'operation';
  let name = base;
  for (let n = 2; taken.has(name); n += 1) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

/** Every operation of a dereferenced document as a tool; those that cannot be called are listed with the reason. */
export function extractOperations(document: Doc): { operations: Operation[]; skipped: SkippedOperation[] } {
  const swagger = document.swagger === '2.0';
  const globalConsumes = Array.isArray(document.consumes) ? document.consumes.map(String) : [];
  const operations: Operation[] = [];
  const skipped: SkippedOperation[] = [];
  const names = new Set<string>();
  const ids = new Set<string>();
  for (const [path, pathItem] of Object.entries(isRecord(document.paths) ? document.paths : {})) {
    if (!isRecord(pathItem)) continue;
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!isRecord(operation)) continue;
      const label = `${method.toUpperCase()} ${path}`;
      // Without an operationId the tool is named after its method and path: get_pets_petId.
      let operationId = text(operation.operationId) ?? `${method}_${path}`.replace(/[^A-Za-z0-9]+/g, '_').replace(/_+$/, '');
      if (ids.has(operationId)) operationId = `${operationId}_${method}`;
      const raw = mergedParameters(pathItem, operation);
      const consumes = Array.isArray(operation.consumes) ? operation.consumes.map(String) : globalConsumes;
      const body = swagger ? swaggerBody(raw, consumes) : openapiBody(operation);
      if (typeof body === 'string') {
        skipped.push({ operation: label, reason: body });
        continue;
      }
      const parameters = raw.map((parameter) => parameterSpec(parameter, swagger)).filter((spec): spec is ParameterSpec => spec !== null);
      ids.add(operationId);
      operations.push({
        operationId,
        name: functionName(operationId, names),
        method: method.toUpperCase(),
        path,
        summary: text(operation.summary) ?? '',
        description: text(operation.description) ?? text(operation.summary) ?? '',
        bodyMediaType: body?.mediaType ?? null,
        bodyKind: body?.kind ?? null,
        ...toolInputs(parameters, body),
        outputSchema: outputSchema(operation, swagger),
      });
    }
  }
  return { operations, skipped };
}
