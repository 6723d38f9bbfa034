import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { keys } from '../../api/queries.js';
import type { KnowledgeDocument, Page } from '../../api/types.js';

export type DocumentPages = InfiniteData<Page<KnowledgeDocument>, string | null>;

const newer = (left: KnowledgeDocument, right: KnowledgeDocument) => new Date(left.updatedAt).getTime() > new Date(right.updatedAt).getTime();

/**
 * Puts a document's latest state into the loaded list: in place when it is there, else first (the list is newest
 * first). An older state never replaces a newer one: the upload's answer may arrive after the first events.
 */
export function upsertDocument(queryClient: QueryClient, document: KnowledgeDocument): void {
  queryClient.setQueryData<DocumentPages>(keys.knowledgeDocuments(document.kbId), (data) => {
    if (data === undefined) return data;
    const known = data.pages.some((page) => page.items.some((item) => item.id === document.id));
    if (!known) {
      const [first, ...rest] = data.pages;
      return first === undefined ? data : { ...data, pages: [{ ...first, items: [document, ...first.items] }, ...rest] };
    }
    return {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        items: page.items.map((item) => (item.id === document.id && !newer(item, document) ? document : item)),
      })),
    };
  });
}

export function dropDocument(queryClient: QueryClient, kbId: string, documentId: string): void {
  queryClient.setQueryData<DocumentPages>(keys.knowledgeDocuments(kbId), (data) =>
    data === undefined ? data : { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((item) => item.id !== documentId) })) },
  );
}
