import type { OutgoingRequest } from '../auth/apply.js';
import { invalidInputs, missingInputs } from '../errors.js';
import { joinUrl } from '../openapi/servers.js';
import type { Operation } from '../openapi/types.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar as the text of a path segment, query value or header; objects travel as JSON. */
const textOf = (value: unknown): string => (typeof value === 'string' ? value : isRecord(value) ? JSON.stringify(value) : String(value));

function headerText(name: string, value: unknown): string {
  const text = Array.isArray(value) ? value.map(textOf).join(',') : textOf(value);
  if (/[\r\n\0]/.test(text)) throw invalidInputs(`input for header ${name} holds a line break`);
  return text;
}

/**
 * The HTTP request an operation makes with these inputs: path parameters encoded into the path, query and
 * cookie parameters, headers, and the body as JSON or a form. Inputs the operation does not know are left out.
 */
export function buildRequest(operation: Operation, serverUrl: string, inputs: unknown): OutgoingRequest {
  const given = inputs ?? {};
  if (!isRecord(given)) throw invalidInputs('inputs must be a JSON object');
  const required = Array.isArray(operation.inputSchema.required) ? (operation.inputSchema.required as string[]) : [];
  const missing = required.filter((name) => given[name] === undefined || given[name] === null);
  if (missing.length > 0) throw missingInputs(missing);

  let path = operation.path;
  const query: [string, string][] = [];
  const cookies: string[] = [];
  const headers: Record<string, string> = {};
  let body: unknown;
  for (const binding of operation.bindings) {
    const value = given[binding.input];
    if (value === undefined) continue;
    switch (binding.in) {
      case 'path': {
        const segment = Array.isArray(value) ? value.map(textOf).join(',') : textOf(value);
        // The URL parser would resolve these as dot segments and leave the operation's path.
        if (segment === '.' || segment === '..') throw invalidInputs(`input ${binding.input} cannot be "${segment}"`);
        path = path.split(`{${binding.name}}`).join(encodeURIComponent(segment));
        break;
      }
      case 'query':
        if (Array.isArray(value) && binding.explode) for (const item of value) query.push([binding.name, textOf(item)]);
        else query.push([binding.name, Array.isArray(value) ? value.map(textOf).join(',') : textOf(value)]);
        break;
      case 'header':
        headers[binding.name.toLowerCase()] = headerText(binding.name, value);
        break;
      case 'cookie':
        cookies.push(`${encodeURIComponent(binding.name)}=${encodeURIComponent(headerText(binding.name, value))}`);
        break;
      case 'body':
        if (binding.property === null) body = value;
        else body = { ...(isRecord(body) ? body : {}), [binding.property]: value };
        break;
    }
  }
  const url = new URL(joinUrl(serverUrl, path));
  for (const [name, value] of query) url.searchParams.append(name, value);
  if (cookies.length > 0) headers.cookie = cookies.join('; ');
  headers.accept ??= 'application/json, */*;q=0.8';
  let encoded: string | undefined;
  if (body !== undefined && operation.bodyMediaType !== null) {
    headers['content-type'] = operation.bodyMediaType;
    if (operation.bodyKind === 'form') {
      if (!isRecord(body)) throw invalidInputs('a form body takes an object of fields');
      encoded = new URLSearchParams(Object.entries(body).map(([name, value]): [string, string] => [name, textOf(value)])).toString();
    } else encoded = JSON.stringify(body);
  }
  return { method: operation.method, url, headers, body: encoded };
}
