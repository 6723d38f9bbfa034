export const defaultModels = ['fake-chat', 'fake-embedding'];

export interface ModelCatalog {
  list(): { object: 'list'; data: ModelObject[] };
  find(id: string): ModelObject | undefined;
}

export interface ModelObject {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

/** What `GET /v1/models` and `GET /v1/models/{id}` answer. */
export function createModelCatalog(ids: string[]): ModelCatalog {
  const created = Math.floor(Date.now() / 1000);
  const modelObject = (id: string): ModelObject => ({
    id,
    object: 'model',
    created,
    owned_by: 'fake-openai',
  });
  return {
    list: () => ({ object: 'list', data: ids.map(modelObject) }),
    find: (id) => (ids.includes(id) ? modelObject(id) : undefined),
  };
}
