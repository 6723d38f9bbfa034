import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEgressClient, type EgressClient } from '@astron/kit/egress';
import { petstore, swaggerYaml } from '../../testing/documents.js';
import { startFakeTarget, type FakeTarget } from '@astron/testing/fake-target';
import { documentImporter } from './import.js';

let target: FakeTarget;
let allowed: EgressClient;
let guarded: EgressClient;

beforeAll(async () => {
  target = await startFakeTarget();
  // Only this file's fake server is reachable, and only because the test says so.
  allowed = createEgressClient({ allowHosts: ['127.0.0.1/32'] });
  guarded = createEgressClient();
});

afterAll(async () => {
  await allowed.close();
  await guarded.close();
  await target.close();
});

const importer = (egress: EgressClient = guarded, maxDocumentBytes = 1024 * 1024) => documentImporter({ egress, maxDocumentBytes });
const read = (document: unknown, egress?: EgressClient) => importer(egress).read({ text: typeof document === 'string' ? document : JSON.stringify(document) });

describe('OpenAPI 3 import', () => {
  test('each operation becomes a tool: names, inputs from path, query, header and body, output from the 2xx response', async () => {
    const { catalog } = await read(petstore());
    expect(catalog).toMatchObject({ format: 'openapi-3.0', title: 'Pet store', serverUrl: 'https://pets.example.com/v1' });
    expect(catalog.operations.map((operation) => [operation.operationId, operation.name, operation.method, operation.path])).toEqual([
      ['getPet', 'getPet', 'GET', '/pets/{petId}'],
      ['get_pets', 'get_pets', 'GET', '/pets'],
      ['addPet', 'addPet', 'POST', '/pets'],
    ]);
    const [getPet, listPets, addPet] = catalog.operations;
    expect(getPet?.inputSchema).toEqual({
      type: 'object',
      properties: { petId: { type: 'string', description: 'Which pet' }, fields: { type: 'array', items: { type: 'string' } }, 'X-Trace': { type: 'string' } },
      required: ['petId'],
    });
    expect(getPet?.bindings).toEqual([
      { input: 'petId', in: 'path', name: 'petId', explode: false },
      { input: 'fields', in: 'query', name: 'fields', explode: true },
      { input: 'X-Trace', in: 'header', name: 'X-Trace', explode: false },
    ]);
    // The recursive `parent` is an open schema; read-only `id` stays in the output, x-* keywords are gone.
    expect(getPet?.outputSchema).toEqual({
      type: 'object',
      required: ['id', 'name'],
      properties: { id: { type: 'string' }, name: { type: 'string' }, tag: { type: ['string', 'null'] }, parent: {} },
    });
    expect(addPet).toMatchObject({
      bodyMediaType: 'application/json',
      bodyKind: 'json',
      inputSchema: { type: 'object', properties: { name: { type: 'string', description: 'What to call it' }, tag: { type: 'string' } }, required: ['name'] },
      bindings: [
        { input: 'name', in: 'body', property: 'name' },
        { input: 'tag', in: 'body', property: 'tag' },
      ],
    });
    expect(listPets?.description).toBe('List pets');
    expect(catalog.skipped).toEqual([{ operation: 'PUT /pets/{petId}/photo', reason: 'its request body is image/png; only JSON and form bodies are supported' }]);
  });

  test('a body whose fields clash with a parameter stays one input, "body"', async () => {
    const document = petstore();
    document.paths['/pets'].post.requestBody.content['application/json'].schema = { $ref: '#/components/schemas/Pet' };
    (document.paths['/pets'].post as Record<string, unknown>).parameters = [{ name: 'name', in: 'query', schema: { type: 'string' } }];
    const addPet = (await read(document)).catalog.operations.find((operation) => operation.operationId === 'addPet');
    expect(addPet?.bindings).toEqual([
      { input: 'name', in: 'query', name: 'name', explode: true },
      { input: 'body', in: 'body', property: null },
    ]);
    expect(addPet?.inputSchema.required).toEqual(['body']);
    // Read-only fields are not inputs.
    expect((addPet?.inputSchema.properties as any).body.properties).not.toHaveProperty('id');
  });
});

describe('Swagger 2 import, YAML', () => {
  test('host, basePath and schemes make the server; formData becomes a form body; collectionFormat decides arrays', async () => {
    const { catalog } = await read(swaggerYaml);
    expect(catalog).toMatchObject({ format: 'swagger-2.0', title: 'Weather', serverUrl: 'https://weather.example.com/api', skipped: [] });
    const [forecast, subscribe] = catalog.operations;
    expect(forecast?.inputSchema).toEqual({
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer', default: 3 }, units: { type: 'array', items: { type: 'string' } } },
      required: ['city'],
    });
    expect(forecast?.bindings.find((binding) => binding.input === 'units')).toEqual({ input: 'units', in: 'query', name: 'units', explode: false });
    expect(forecast?.outputSchema).toEqual({ type: 'object', properties: { city: { type: 'string' }, temperatures: { type: 'array', items: { type: 'number' } } } });
    expect(subscribe).toMatchObject({ bodyKind: 'form', bodyMediaType: 'application/x-www-form-urlencoded', inputSchema: { required: ['email'] } });
  });
});

describe('documents by URL', () => {
  test('fetched through the egress client; a relative server resolves against the document URL', async () => {
    target.documents.set('relative.json', { type: 'application/json', text: JSON.stringify(petstore('/api/v2')) });
    const imported = await importer(allowed).read({ url: `${target.origin}/docs/relative.json` });
    expect(imported).toMatchObject({ sourceKind: 'url', sourceUrl: `${target.origin}/docs/relative.json`, catalog: { serverUrl: `${target.origin}/api/v2` } });
    // Pasted, the same relative server cannot be resolved: calls need a serverUrl.
    expect((await read(petstore('/api/v2'))).catalog.serverUrl).toBeNull();
  });

  test('a private address is refused, and a missing document is a 422 naming the status', async () => {
    await expect(importer().read({ url: `${target.origin}/docs/relative.json` })).rejects.toMatchObject({ status: 403, code: 'egress_blocked' });
    await expect(importer(allowed).read({ url: `${target.origin}/docs/none.json` })).rejects.toMatchObject({ status: 422, code: 'document_fetch_failed', message: expect.stringContaining('404') });
  });
});

describe('refusals', () => {
  test.each([
    ['a file on the server', 'file:///etc/passwd'],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/iam'],
    ['another document', 'common.yaml#/components/schemas/Pet'],
  ])('a $ref to %s is refused before anything is read', async (_what, ref) => {
    const hitsBefore = target.hits.length;
    const document = petstore();
    document.paths['/pets'].post.requestBody.content['application/json'].schema = { $ref: ref };
    await expect(read(document, allowed)).rejects.toMatchObject({ status: 422, code: 'external_ref_refused', details: { ref, at: '#/paths/~1pets/post/requestBody/content/application~1json/schema/$ref' } });
    const local = petstore();
    local.components.schemas.NewPet = { $ref: `${target.origin}/docs/pet.json` } as never;
    await expect(read(local, allowed)).rejects.toMatchObject({ code: 'external_ref_refused' });
    expect(target.hits.length).toBe(hitsBefore);
  });

  test('not JSON nor YAML, not OpenAPI, invalid, without operations, too large, an alias bomb', async () => {
    await expect(read('{ "openapi": ')).rejects.toMatchObject({ status: 422, code: 'document_unreadable' });
    await expect(read({ hello: 'world' })).rejects.toMatchObject({ status: 422, code: 'document_not_openapi' });
    await expect(read({ openapi: '3.0.3', info: { title: 'x' }, paths: {} })).rejects.toMatchObject({ status: 422, code: 'document_invalid', message: expect.stringContaining('version') });
    const onlyUpload = petstore();
    onlyUpload.paths = { '/pets/{petId}/photo': onlyUpload.paths['/pets/{petId}/photo'] } as never;
    await expect(read(onlyUpload)).rejects.toMatchObject({ status: 422, code: 'document_has_no_operations', details: { skipped: [expect.objectContaining({ operation: 'PUT /pets/{petId}/photo' })] } });
    await expect(importer(guarded, 512).read({ text: JSON.stringify(petstore()) })).rejects.toMatchObject({ status: 413, code: 'document_too_large' });
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, index) => `${String.fromCharCode(98 + index)}: &${String.fromCharCode(98 + index)} [${Array(40).fill(`*${String.fromCharCode(97 + index)}`).join(',')}]`)].join('\n');
    await expect(read(bomb)).rejects.toMatchObject({ status: 422, code: 'document_unreadable' });
  });
});
