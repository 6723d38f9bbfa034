import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { BookOpen, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, usePermissions } from '../../api/queries.js';
import { NoAccess } from '../../components/no-access.js';
import { PageHeader } from '../../components/page-header.js';
import { ResourceList } from '../../components/resource-list.js';
import { Button } from '../../components/ui/button.js';
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
  const list = useQuery({
    queryKey: keys.knowledgeBases,
    queryFn: () => api.knowledge.list(),
    enabled: can('resources.view'),
  });
  const [creating, setCreating] = useState(false);

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
      <PageHeader
        title={t('knowledge.title')}
        description={t('knowledge.description')}
        actions={createButton('kb-create')}
      />
      <ResourceList
        query={list}
        tableTestId="kb-table"
        rowKey={(base) => base.id}
        rowProps={(base) => ({ 'data-testid': 'kb-row', 'data-name': base.name, 'data-kb-id': base.id })}
        empty={{
          icon: BookOpen,
          title: t('knowledge.empty'),
          description: edit ? t('knowledge.emptyHint') : t('knowledge.emptyHintViewer'),
          action: createButton('kb-create-empty'),
        }}
        columns={[
          {
            header: t('knowledge.name'),
            className: 'max-w-md',
            cell: (base) => (
              <>
                <Link
                  to="/knowledge/$kbId"
                  params={{ kbId: base.id }}
                  className="font-medium text-slate-900 hover:text-indigo-700 hover:underline"
                  data-testid="kb-open"
                >
                  {base.name}
                </Link>
                {base.description !== '' && (
                  <p className="mt-0.5 truncate text-xs text-slate-500">{base.description}</p>
                )}
              </>
            ),
          },
          {
            header: t('knowledge.documents'),
            className: 'text-right tabular-nums',
            'data-testid': 'kb-documents',
            cell: (base) => count(base.documentCount),
          },
          {
            header: t('knowledge.chunks'),
            className: 'text-right tabular-nums',
            'data-testid': 'kb-chunks',
            cell: (base) => count(base.chunkCount),
          },
          {
            header: t('knowledge.embeddingModel'),
            className: 'font-mono text-xs text-slate-600',
            cell: (base) => base.embeddingModel ?? t('knowledge.ragflow'),
          },
          {
            header: t('knowledge.updated'),
            className: 'whitespace-nowrap text-slate-500',
            cell: (base) => (
              <span title={formatDateTime(base.updatedAt, i18n.language)}>
                {formatRelative(base.updatedAt, i18n.language)}
              </span>
            ),
          },
        ]}
        remove={
          edit
            ? {
                testId: 'kb-delete',
                title: t('knowledge.deleteTitle'),
                body: (base) => t('knowledge.deleteBody', { name: base.name, count: base.documentCount }),
                run: async (base) => {
                  await api.knowledge.remove(base.id);
                  queryClient.removeQueries({ queryKey: keys.knowledgeBase(base.id) });
                  await queryClient.invalidateQueries({ queryKey: keys.knowledgeBases, exact: true });
                  toast.success(t('knowledge.deleted', { name: base.name }));
                },
              }
            : undefined
        }
      />
      <CreateKnowledgeDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
