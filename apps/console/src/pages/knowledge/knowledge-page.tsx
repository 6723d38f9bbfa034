import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { BookOpen, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, usePermissions } from '../../api/queries.js';
import type { KnowledgeBase } from '../../api/types.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { ErrorState } from '../../components/error-state.js';
import { NoAccess } from '../../components/no-access.js';
import { PageHeader } from '../../components/page-header.js';
import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { EmptyState } from '../../components/ui/empty-state.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table.js';
import { useToast } from '../../components/ui/toast.js';
import { formatDateTime, formatRelative } from '../../lib/format.js';
import { CreateKnowledgeDialog } from './create-knowledge-dialog.js';

/** The space's knowledge bases: create, open, delete (with every document and chunk in it). */
export function KnowledgePage() {
  const { t, i18n } = useTranslation();
  const { can } = usePermissions();
  const queryClient = useQueryClient();
  const toast = useToast();
  const edit = can('resources.edit');
  const list = useQuery({ queryKey: keys.knowledgeBases, queryFn: () => api.knowledge.list(), enabled: can('resources.view') });
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<KnowledgeBase | null>(null);

  if (!can('resources.view')) return <NoAccess />;

  const createButton = (testId: string) =>
    edit && (
      <Button onClick={() => setCreating(true)} data-testid={testId}>
        <Plus className="size-4" aria-hidden />
        {t('knowledge.create')}
      </Button>
    );
  const count = (value: number) => value.toLocaleString(i18n.language);

  return (
    <>
      <PageHeader title={t('knowledge.title')} description={t('knowledge.description')} actions={createButton('kb-create')} />
      <Card>
        {list.isPending && <SkeletonRows label={t('common.loading')} />}
        {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
        {list.data !== undefined && list.data.items.length === 0 && (
          <EmptyState
            icon={BookOpen}
            title={t('knowledge.empty')}
            description={edit ? t('knowledge.emptyHint') : t('knowledge.emptyHintViewer')}
            action={createButton('kb-create-empty')}
          />
        )}
        {list.data !== undefined && list.data.items.length > 0 && (
          <Table data-testid="kb-table">
            <TableHead>
              <tr>
                <TableHeader>{t('knowledge.name')}</TableHeader>
                <TableHeader className="text-right">{t('knowledge.documents')}</TableHeader>
                <TableHeader className="text-right">{t('knowledge.chunks')}</TableHeader>
                <TableHeader>{t('knowledge.embeddingModel')}</TableHeader>
                <TableHeader>{t('knowledge.updated')}</TableHeader>
                <TableHeader className="text-right">
                  <span className="sr-only">{t('common.actions')}</span>
                </TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {list.data.items.map((base) => (
                <TableRow key={base.id} data-testid="kb-row" data-name={base.name} data-kb-id={base.id}>
                  <TableCell className="max-w-md">
                    <Link
                      to="/knowledge/$kbId"
                      params={{ kbId: base.id }}
                      className="font-medium text-slate-900 hover:text-indigo-700 hover:underline"
                      data-testid="kb-open"
                    >
                      {base.name}
                    </Link>
                    {base.description !== '' && <p className="mt-0.5 truncate text-xs text-slate-500">{base.description}</p>}
                  </TableCell>
                  <TableCell className="text-right tabular-nums" data-testid="kb-documents">
                    {count(base.documentCount)}
                  </TableCell>
                  <TableCell className="text-right tabular-nums" data-testid="kb-chunks">
                    {count(base.chunkCount)}
                  </TableCell>
                  <TableCell className="font-mono text-xs text-slate-600">{base.embeddingModel ?? t('knowledge.ragflow')}</TableCell>
                  <TableCell className="whitespace-nowrap text-slate-500" title={formatDateTime(base.updatedAt, i18n.language)}>
                    {formatRelative(base.updatedAt, i18n.language)}
                  </TableCell>
                  <TableCell className="text-right">
                    {edit && (
                      <Button variant="ghost" size="sm" className="text-red-600 hover:bg-red-50" onClick={() => setDeleting(base)} data-testid="kb-delete">
                        {t('common.delete')}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      <CreateKnowledgeDialog open={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('knowledge.deleteTitle')}
        body={t('knowledge.deleteBody', { name: deleting?.name, count: deleting?.documentCount ?? 0 })}
        confirmLabel={t('common.delete')}
        onConfirm={async () => {
          if (deleting === null) return;
          await api.knowledge.remove(deleting.id);
          queryClient.removeQueries({ queryKey: keys.knowledgeBase(deleting.id) });
          await queryClient.invalidateQueries({ queryKey: keys.knowledgeBases, exact: true });
          toast.success(t('knowledge.deleted', { name: deleting.name }));
        }}
      />
    </>
  );
}
