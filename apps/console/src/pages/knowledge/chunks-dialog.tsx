import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { ChunkPage, KnowledgeChunk, KnowledgeDocument } from '../../api/types.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { ErrorState, InlineError } from '../../components/error-state.js';
import { Button } from '../../components/ui/button.js';
import { Dialog } from '../../components/ui/dialog.js';
import { Input, Textarea } from '../../components/ui/input.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { useSubmit } from '../../lib/use-submit.js';
import { ChunkItem } from './chunk-item.js';

const PAGE_SIZE = 20;

function ChunksView({ document, editable }: { document: KnowledgeDocument; editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { kbId, id: documentId } = document;
  const [offset, setOffset] = useState(0);
  const [filter, setFilter] = useState('');
  const [q, setQ] = useState('');
  const [added, setAdded] = useState('');
  const adding = useSubmit();
  const [deleting, setDeleting] = useState<KnowledgeChunk | null>(null);
  const pageKey = keys.knowledgeChunks(kbId, documentId, { offset, q });
  const page = useQuery({
    queryKey: pageKey,
    queryFn: () => api.knowledge.chunks(kbId, documentId, { offset, limit: PAGE_SIZE, q }),
    placeholderData: keepPreviousData,
  });

  const replace = (chunk: KnowledgeChunk): void => {
    queryClient.setQueryData<ChunkPage>(pageKey, (data) => (data === undefined ? data : { ...data, items: data.items.map((item) => (item.id === chunk.id ? chunk : item)) }));
  };

  /** After a chunk came or went: this document's pages, its count in the documents list, the base's count. */
  const countsChanged = async () => {
    await queryClient.invalidateQueries({ queryKey: keys.knowledgeChunks(kbId, documentId) });
    void queryClient.invalidateQueries({ queryKey: keys.knowledgeDocuments(kbId) });
    void queryClient.invalidateQueries({ queryKey: keys.knowledgeBase(kbId), exact: true });
  };

  async function add(event: FormEvent) {
    event.preventDefault();
    if (added.trim() === '') return;
    await adding.run(async () => {
      await api.knowledge.addChunk(kbId, documentId, added.trim());
      setAdded('');
      await countsChanged();
    });
  }

  const total = page.data?.total ?? 0;
  const items = page.data?.items ?? [];
  return (
    <div className="space-y-4">
      <form
        className="flex gap-2"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setOffset(0);
          setQ(filter.trim());
        }}
      >
        <Input value={filter} placeholder={t('knowledge.chunksView.filter')} aria-label={t('knowledge.chunksView.filter')} onChange={(event) => setFilter(event.target.value)} data-testid="chunks-filter" />
        <Button type="submit" variant="secondary" data-testid="chunks-filter-submit">
          <Search className="size-3.5" aria-hidden />
          {t('knowledge.chunksView.search')}
        </Button>
      </form>
      {page.isPending && <SkeletonRows rows={3} label={t('common.loading')} />}
      {page.isError && <ErrorState compact error={page.error} onRetry={() => void page.refetch()} />}
      {page.isSuccess && items.length === 0 && (
        <p className="py-6 text-center text-sm text-slate-500" data-testid="chunks-empty">
          {q === '' ? t('knowledge.chunksView.empty') : t('knowledge.chunksView.noMatch')}
        </p>
      )}
      {items.length > 0 && (
        <ol className="max-h-[55vh] space-y-2 overflow-y-auto" data-testid="chunks-list">
          {items.map((chunk) => (
            <ChunkItem
              key={chunk.id}
              chunk={chunk}
              editable={editable}
              onSave={async (content) => replace(await api.knowledge.updateChunk(kbId, documentId, chunk.id, { content }))}
              onToggle={async (enabled) => replace(await api.knowledge.updateChunk(kbId, documentId, chunk.id, { enabled }))}
              onDelete={() => setDeleting(chunk)}
            />
          ))}
        </ol>
      )}
      {total > 0 && (
        <div className="flex items-center justify-between text-xs text-slate-500">
          <span data-testid="chunks-range">{t('knowledge.chunksView.range', { from: offset + 1, to: Math.min(offset + PAGE_SIZE, total), total })}</span>
          <span className="flex gap-2">
            <Button variant="secondary" size="sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))} data-testid="chunks-previous">
              {t('knowledge.chunksView.previous')}
            </Button>
            <Button variant="secondary" size="sm" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(offset + PAGE_SIZE)} data-testid="chunks-next">
              {t('knowledge.chunksView.next')}
            </Button>
          </span>
        </div>
      )}
      {editable && (
        <form className="space-y-2 border-t border-slate-100 pt-4" onSubmit={(event) => void add(event)}>
          <Textarea rows={3} value={added} placeholder={t('knowledge.chunksView.addPlaceholder')} aria-label={t('knowledge.chunksView.add')} onChange={(event) => setAdded(event.target.value)} data-testid="chunk-add-content" />
          <InlineError error={adding.error} />
          <div className="flex justify-end">
            <Button type="submit" size="sm" loading={adding.busy} disabled={added.trim() === ''} data-testid="chunk-add">
              {t('knowledge.chunksView.add')}
            </Button>
          </div>
        </form>
      )}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('knowledge.chunksView.deleteTitle')}
        body={t('knowledge.chunksView.deleteBody', { position: (deleting?.position ?? 0) + 1 })}
        confirmLabel={t('common.delete')}
        onConfirm={async () => {
          if (deleting === null) return;
          await api.knowledge.removeChunk(kbId, documentId, deleting.id);
          await countsChanged();
        }}
      />
    </div>
  );
}

/** A document's chunks, a page at a time: filter by text, edit, switch off, add, delete. */
export function ChunksDialog({ document, editable, onClose }: { document: KnowledgeDocument | null; editable: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={document !== null} onClose={onClose} title={document?.name ?? ''} description={t('knowledge.chunksView.description')} size="lg" data-testid="chunks-dialog">
      {document !== null && <ChunksView key={document.id} document={document} editable={editable} />}
    </Dialog>
  );
}
