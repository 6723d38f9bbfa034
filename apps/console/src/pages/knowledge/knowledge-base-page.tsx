import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, usePermissions } from '../../api/queries.js';
import { ErrorState } from '../../components/error-state.js';
import { NoAccess } from '../../components/no-access.js';
import { PageHeader } from '../../components/page-header.js';
import { Badge } from '../../components/ui/badge.js';
import { Card } from '../../components/ui/card.js';
import { Skeleton } from '../../components/ui/skeleton.js';
import { cn } from '../../lib/cn.js';
import { DocumentsTab } from './documents-tab.js';
import { HitTestTab } from './hit-test-tab.js';
import { SettingsTab } from './settings-tab.js';

export type KnowledgeTab = 'documents' | 'settings' | 'hit-test';
export const KNOWLEDGE_TABS: KnowledgeTab[] = ['documents', 'hit-test', 'settings'];

/** One knowledge base: its documents and their chunks, its settings, and a hit test of its retrieval. */
export function KnowledgeBasePage({ kbId, tab, onTab }: { kbId: string; tab: KnowledgeTab; onTab: (tab: KnowledgeTab) => void }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const editable = can('resources.edit');
  const base = useQuery({ queryKey: keys.knowledgeBase(kbId), queryFn: () => api.knowledge.get(kbId), enabled: can('resources.view') });

  if (!can('resources.view')) return <NoAccess />;

  const back = (
    <Link to="/knowledge" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
      <ArrowLeft className="size-4" aria-hidden />
      {t('knowledge.back')}
    </Link>
  );

  if (base.isPending)
    return (
      <div className="space-y-4" role="status" aria-label={t('common.loading')} data-testid="loading">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  // A failed refresh keeps showing what was read before.
  if (base.data === undefined)
    return (
      <>
        {back}
        <Card>
          <ErrorState error={base.error} onRetry={() => void base.refetch()} />
        </Card>
      </>
    );

  const current = base.data;
  return (
    <>
      {back}
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {current.name}
            <Badge className="font-mono" title={t('knowledge.embeddingModel')}>
              {current.embeddingModel ?? t('knowledge.ragflow')}
            </Badge>
          </span>
        }
        description={
          <span data-testid="kb-summary">
            {t('knowledge.documentCount', { count: current.documentCount })} · {t('knowledge.chunkCount', { count: current.chunkCount })}
            {current.description !== '' && ` · ${current.description}`}
          </span>
        }
      />
      <div role="tablist" aria-label={current.name} className="mb-5 flex gap-1 border-b border-slate-200">
        {KNOWLEDGE_TABS.map((item) => (
          <button
            key={item}
            type="button"
            role="tab"
            aria-selected={item === tab}
            onClick={() => onTab(item)}
            className={cn(
              '-mb-px border-b-2 px-3 py-2 text-sm font-medium',
              item === tab ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-500 hover:text-slate-800',
            )}
            data-testid={`kb-tab-${item}`}
          >
            {t(`knowledge.tabs.${item}`)}
          </button>
        ))}
      </div>
      {/* Kept mounted on the other tabs, so uploads on their way and the live ingestion go on while you look. */}
      <div className={cn(tab !== 'documents' && 'hidden')}>
        <DocumentsTab base={current} editable={editable} />
      </div>
      {tab === 'settings' && <SettingsTab base={current} editable={editable} />}
      {tab === 'hit-test' && <HitTestTab base={current} />}
    </>
  );
}
