import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { FileText, Link2, ScanSearch, Type } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { KnowledgeBase, KnowledgeDocument } from '../../api/types.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { ErrorState } from '../../components/error-state.js';
import { Button } from '../../components/ui/button.js';
import { Card, CardHeader } from '../../components/ui/card.js';
import { EmptyState } from '../../components/ui/empty-state.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table.js';
import { useToast } from '../../components/ui/toast.js';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime, formatRelative } from '../../lib/format.js';
import { AddSourceDialog, type SourceKind } from './add-source-dialog.js';
import { ChunksDialog } from './chunks-dialog.js';
import { dropDocument, upsertDocument } from './document-cache.js';
import { DocumentStatusCell, isIngesting } from './document-status.js';
import { formatBytes } from './format-bytes.js';
import { PreviewDialog } from './preview-dialog.js';
import { UploadList, UploadZone } from './upload-zone.js';
import { useDocumentEvents } from './use-document-events.js';
import { useUploads } from './use-uploads.js';

const PAGE_SIZE = 50;

/** A base's documents: add them (files, a URL, text), follow their ingestion live, open their chunks. */
export function DocumentsTab({ base, editable }: { base: KnowledgeBase; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const uploads = useUploads(base.id);
  const [source, setSource] = useState<SourceKind | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [openedId, setOpenedId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<KnowledgeDocument | null>(null);
  const documents = useInfiniteQuery({
    queryKey: keys.knowledgeDocuments(base.id),
    queryFn: ({ pageParam }) => api.knowledge.documents(base.id, { cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  useDocumentEvents(base.id, true);
  const rows = documents.data?.pages.flatMap((page) => page.items) ?? [];
  const opened = rows.find((document) => document.id === openedId) ?? null;
  // RAGFlow keeps the chunks of its bases itself: there are none here to open.
  const chunksHere = base.backend === 'builtin';

  async function reingest(document: KnowledgeDocument) {
    try {
      upsertDocument(queryClient, await api.knowledge.reingest(base.id, document.id));
    } catch (failure) {
      toast.error(errorMessage(failure, t));
    }
  }

  return (
    <div className="space-y-6">
      {editable && (
        <Card>
          <CardHeader
            title={t('knowledge.documentsTab.addTitle')}
            description={t('knowledge.documentsTab.addDescription')}
            actions={
              <>
                <Button variant="secondary" size="sm" onClick={() => setPreviewing(true)} data-testid="kb-preview">
                  <ScanSearch className="size-3.5" aria-hidden />
                  {t('knowledge.preview.button')}
                </Button>
                <Button variant="secondary" size="sm" onClick={() => setSource('url')} data-testid="kb-add-url">
                  <Link2 className="size-3.5" aria-hidden />
                  {t('knowledge.source.fromUrl')}
                </Button>
                <Button variant="secondary" size="sm" onClick={() => setSource('text')} data-testid="kb-add-text">
                  <Type className="size-3.5" aria-hidden />
                  {t('knowledge.source.pasteText')}
                </Button>
              </>
            }
          />
          <div className="space-y-3 px-5 py-4">
            <UploadZone onFiles={uploads.add} />
            <UploadList items={uploads.items} onDismiss={uploads.dismiss} />
          </div>
        </Card>
      )}
      <Card>
        <CardHeader title={t('knowledge.documentsTab.title')} />
        {documents.isPending && <SkeletonRows label={t('common.loading')} />}
        {documents.isError && rows.length === 0 && <ErrorState error={documents.error} onRetry={() => void documents.refetch()} />}
        {documents.isSuccess && rows.length === 0 && (
          <EmptyState icon={FileText} title={t('knowledge.documentsTab.empty')} description={t('knowledge.documentsTab.emptyHint')} />
        )}
        {rows.length > 0 && (
          <Table data-testid="documents-table">
            <TableHead>
              <tr>
                <TableHeader>{t('knowledge.documentsTab.name')}</TableHeader>
                <TableHeader>{t('knowledge.documentsTab.status')}</TableHeader>
                <TableHeader className="text-right">{t('knowledge.chunks')}</TableHeader>
                <TableHeader className="text-right">{t('knowledge.documentsTab.size')}</TableHeader>
                <TableHeader>{t('knowledge.updated')}</TableHeader>
                <TableHeader className="text-right">
                  <span className="sr-only">{t('common.actions')}</span>
                </TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {rows.map((document) => (
                <TableRow key={document.id} data-testid="document-row" data-name={document.name} data-document-id={document.id}>
                  <TableCell className="max-w-xs">
                    {chunksHere ? (
                      <button type="button" className="truncate text-left font-medium text-slate-900 hover:text-indigo-700 hover:underline" onClick={() => setOpenedId(document.id)} data-testid="document-open">
                        {document.name}
                      </button>
                    ) : (
                      <span className="truncate font-medium text-slate-900">{document.name}</span>
                    )}
                    <p className="mt-0.5 text-xs text-slate-500">
                      {[document.type, document.pageCount === null ? null : t('knowledge.documentsTab.pages', { count: document.pageCount })].filter(Boolean).join(' · ')}
                    </p>
                  </TableCell>
                  <TableCell>
                    <DocumentStatusCell document={document} />
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{document.chunkCount.toLocaleString(i18n.language)}</TableCell>
                  <TableCell className="whitespace-nowrap text-right tabular-nums text-slate-500">{formatBytes(document.sizeBytes, i18n.language)}</TableCell>
                  <TableCell className="whitespace-nowrap text-slate-500" title={formatDateTime(document.updatedAt, i18n.language)}>
                    {formatRelative(document.updatedAt, i18n.language)}
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-right">
                    {editable && (
                      <>
                        <Button variant="ghost" size="sm" disabled={isIngesting(document.status)} onClick={() => void reingest(document)} data-testid="document-reingest">
                          {t('knowledge.documentsTab.reingest')}
                        </Button>
                        <Button variant="ghost" size="sm" className="text-red-600 hover:bg-red-50" onClick={() => setDeleting(document)} data-testid="document-delete">
                          {t('common.delete')}
                        </Button>
                      </>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {documents.hasNextPage && (
          <div className="flex justify-center border-t border-slate-100 p-3">
            <Button variant="secondary" size="sm" loading={documents.isFetchingNextPage} onClick={() => void documents.fetchNextPage()}>
              {t('knowledge.documentsTab.more')}
            </Button>
          </div>
        )}
      </Card>
      <AddSourceDialog kbId={base.id} kind={source} onClose={() => setSource(null)} />
      <PreviewDialog kbId={base.id} open={previewing} onClose={() => setPreviewing(false)} onAdd={(file) => uploads.add([file])} />
      <ChunksDialog document={opened} editable={editable} onClose={() => setOpenedId(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('knowledge.documentsTab.deleteTitle')}
        body={t('knowledge.documentsTab.deleteBody', { name: deleting?.name })}
        confirmLabel={t('common.delete')}
        onConfirm={async () => {
          if (deleting === null) return;
          await api.knowledge.removeDocument(base.id, deleting.id);
          dropDocument(queryClient, base.id, deleting.id);
          void queryClient.invalidateQueries({ queryKey: keys.knowledgeBase(base.id), exact: true });
          toast.success(t('knowledge.documentsTab.deleted', { name: deleting.name }));
        }}
      />
    </div>
  );
}
