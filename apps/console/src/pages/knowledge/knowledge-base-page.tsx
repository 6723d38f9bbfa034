import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, usePermissions } from '../../api/queries.js';
import { DetailPage } from '../../components/detail-page.js';
import { NoAccess } from '../../components/no-access.js';
import { TabBar } from '../../components/tab-bar.js';
import { Badge } from '../../components/ui/badge.js';
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

  return (
    <DetailPage
      query={base}
      back={{ to: '/knowledge', label: t('knowledge.back') }}
      heading={(current) => ({
        name: current.name,
        badges: (
          <Badge className="font-mono" title={t('knowledge.embeddingModel')}>
            {current.embeddingModel ?? t('knowledge.ragflow')}
          </Badge>
        ),
        description: (
          <span data-testid="kb-summary">
            {t('knowledge.documentCount', { count: current.documentCount })} · {t('knowledge.chunkCount', { count: current.chunkCount })}
            {current.description !== '' && ` · ${current.description}`}
          </span>
        ),
      })}
    >
      {(current) => (
        <>
          <TabBar
            tabs={KNOWLEDGE_TABS}
            current={tab}
            onTab={onTab}
            label={current.name}
            labelOf={(item) => t(`knowledge.tabs.${item}`)}
            testIdPrefix="kb-tab-"
          />
          {/* Kept mounted on the other tabs, so uploads on their way and the live ingestion go on while you look. */}
          <div className={cn(tab !== 'documents' && 'hidden')}>
            <DocumentsTab base={current} editable={editable} />
          </div>
          {tab === 'settings' && <SettingsTab base={current} editable={editable} />}
          {tab === 'hit-test' && <HitTestTab base={current} />}
        </>
      )}
    </DetailPage>
  );
}
