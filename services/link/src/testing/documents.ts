/** OpenAPI documents for the tests: small, but with what real ones have (parameters everywhere, $refs, bodies). */

export function petstore(serverUrl: string | null = 'https://pets.example.com/v1') {
  return {
    openapi: '3.0.3',
    info: { title: 'Pet store', description: 'Pets to look up and add', version: '1.0.0' },
    ...(serverUrl === null ? {} : { servers: [{ url: serverUrl }] }),
    paths: {
      '/pets/{petId}': {
        parameters: [{ name: 'petId', in: 'path', required: true, description: 'Which pet', schema: { type: 'string' } }],
        get: {
          operationId: 'getPet',
          summary: 'Find a pet',
          description: 'Returns one pet by its id',
          parameters: [
            { name: 'fields', in: 'query', schema: { type: 'array', items: { type: 'string' } }, explode: true },
            { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
          ],
          responses: { '200': { description: 'the pet', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } },
        },
      },
      '/pets': {
        post: {
          operationId: 'addPet',
          summary: 'Add a pet',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/NewPet' } } } },
          responses: { '201': { description: 'added', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } },
        },
        get: {
          summary: 'List pets',
          parameters: [{ name: 'limit', in: 'query', required: false, schema: { type: 'integer', maximum: 100 } }],
          responses: { '200': { description: 'pets', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Pet' } } } } } },
        },
      },
      '/pets/{petId}/photo': {
        put: {
          operationId: 'uploadPhoto',
          parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } },
          responses: { '204': { description: 'stored' } },
        },
      },
    },
    components: {
      schemas: {
        Pet: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string', readOnly: true }, name: { type: 'string' }, tag: { type: 'string', nullable: true }, parent: { $ref: '#/components/schemas/Pet' } } },
        NewPet: { type: 'object', required: ['name'], properties: { name: { type: 'string', description: 'What to call it', 'x-from': 0 }, tag: { type: 'string' } } },
      },
    },
  };
}

export const swaggerYaml = `
swagger: "2.0"
info:
  title: Weather
  version: "2"
host: weather.example.com
basePath: /api
schemes: [https]
paths:
  /forecast/{city}:
    get:
      operationId: forecast
      description: The forecast of a city
      parameters:
        - { name: city, in: path, required: true, type: string }
        - { name: days, in: query, type: integer, default: 3 }
        - { name: units, in: query, type: array, items: { type: string }, collectionFormat: csv }
      responses:
        "200":
          description: ok
          schema: { type: object, properties: { city: { type: string }, temperatures: { type: array, items: { type: number } } } }
  /alerts:
    post:
      operationId: subscribe
      consumes: [application/x-www-form-urlencoded]
      parameters:
        - { name: email, in: formData, required: true, type: string }
        - { name: city, in: formData, type: string }
      responses:
        "204": { description: subscribed }
`;

/** An OpenAPI document whose operations send to `origin` (the fake target) and echo what they got. */
export function echoDocument(origin: string) {
  return {
    openapi: '3.1.0',
    info: { title: 'Echo', version: '1' },
    servers: [{ url: origin }],
    paths: {
      '/echo/items/{itemId}': {
        post: {
          operationId: 'updateItem',
          parameters: [
            { name: 'itemId', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'tags', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
            { name: 'X-Request-Tag', in: 'header', schema: { type: 'string' } },
          ],
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { title: { type: 'string' }, count: { type: 'integer' } } } } } },
          responses: { '200': { description: 'echo' } },
        },
      },
      '/pets/{id}': { get: { operationId: 'getPet', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'pet' } } } },
      '/text': { get: { operationId: 'getText', responses: { '200': { description: 'text' } } } },
      '/fail': { get: { operationId: 'fail', responses: { '500': { description: 'failure' } } } },
      '/big': { get: { operationId: 'big', parameters: [{ name: 'size', in: 'query', schema: { type: 'integer' } }], responses: { '200': { description: 'big' } } } },
      '/slow': { get: { operationId: 'slow', parameters: [{ name: 'ms', in: 'query', schema: { type: 'integer' } }], responses: { '200': { description: 'slow' } } } },
      '/redirect': { get: { operationId: 'redirect', parameters: [{ name: 'to', in: 'query', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'ok' } } } },
    },
  };
}
