import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Rocket } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, usePermissions } from '../../api/queries.js';
import type { Agent, AgentChanges } from '../../api/types.js';
import { DetailPage } from '../../components/detail-page.js';
import { NoAccess } from '../../components/no-access.js';
import { TabBar } from '../../components/tab-bar.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { useToast } from '../../components/ui/toast.js';
import { cn } from '../../lib/cn.js';
import { chatModelOptions } from './agent-form-model.js';
import { AgentSettingsForm } from './agent-settings-form.js';
import { AgentLogs } from './agent-logs.js';
import { ApiAccess } from './api-access.js';
import { DebugChat } from './debug-chat.js';
import { PublishDialog } from './publish-dialog.js';
import { VersionsCard } from './versions-card.js';

export type EditorTab = 'editor' | 'versions' | 'api' | 'logs';
export const EDITOR_TABS: EditorTab[] = ['editor', 'versions', 'api', 'logs'];

export function AgentEditorPage({
  agentId,
  tab,
  onTab,
}: {
  agentId: string;
  tab: EditorTab;
  onTab: (tab: EditorTab) => void;
}) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const queryClient = useQueryClient();
  const toast = useToast();
  const editable = can('resources.edit');
  const agent = useQuery({
    queryKey: keys.agent(agentId),
    queryFn: () => api.agents.get(agentId),
    enabled: can('resources.view'),
  });
  const providers = useQuery({
    queryKey: keys.providers,
    queryFn: () => api.providers.list(),
    enabled: can('providers.view'),
  });
  const workflows = useQuery({
    queryKey: keys.workflows,
    queryFn: () => api.workflows.list(),
    enabled: can('resources.view'),
  });
  const knowledgeBases = useQuery({
    queryKey: keys.knowledgeBases,
    queryFn: () => api.knowledge.list(),
    enabled: can('resources.view'),
  });
  const [dirty, setDirty] = useState(false);
  const [publishing, setPublishing] = useState(false);
  // A rollback replaces the draft: the form starts again from it.
  const [formGeneration, setFormGeneration] = useState(0);

  if (!can('resources.view')) return <NoAccess />;

  async function save(id: string, changes: AgentChanges) {
    const updated = await api.agents.update(id, changes);
    queryClient.setQueryData(keys.agent(id), updated);
    await queryClient.invalidateQueries({ queryKey: keys.agents, exact: true });
    toast.success(t('agents.form.saved'));
  }

  function rolledBack(updated: Agent) {
    queryClient.setQueryData(keys.agent(updated.id), updated);
    setFormGeneration((generation) => generation + 1);
    setDirty(false);
  }

  return (
    <DetailPage
      query={agent}
      back={{ to: '/agents', label: t('agents.back') }}
      heading={(current) => ({
        name: current.name,
        badges: (
          <>
            {current.publishedVersion === null ? (
              <Badge>{t('agents.draftOnly')}</Badge>
            ) : (
              <Badge tone="success">{t('agents.versionLabel', { version: current.publishedVersion })}</Badge>
            )}
            {current.alias !== null && (
              <Badge tone="brand" className="font-mono" title={t('agents.form.alias')}>
                {current.alias}
              </Badge>
            )}
          </>
        ),
        description: current.description === '' ? undefined : current.description,
        actions: editable && (
          <Button onClick={() => setPublishing(true)} data-testid="agent-publish">
            <Rocket className="size-4" aria-hidden />
            {t('agents.publish.button')}
          </Button>
        ),
      })}
    >
      {(current) => (
        <>
          <TabBar
            tabs={EDITOR_TABS}
            current={tab}
            onTab={onTab}
            label={t('agents.title')}
            labelOf={(item) => t(`agents.tabs.${item}`)}
            testIdPrefix="agent-tab-"
          />
          {/* Kept mounted on the other tabs, so unsaved edits and the conversation survive a look at them. */}
          <div className={cn('grid items-start gap-6 xl:grid-cols-2', tab !== 'editor' && 'hidden')}>
            <div className="space-y-3">
              {!editable && <p className="text-sm text-slate-500">{t('agents.form.readOnly')}</p>}
              <AgentSettingsForm
                key={`${current.id}-${formGeneration}`}
                agent={current}
                models={chatModelOptions(providers.data?.items ?? [])}
                workflows={workflows.data?.items}
                knowledgeBases={knowledgeBases.data?.items}
                editable={editable}
                onSave={(changes) => save(current.id, changes)}
                onDirtyChange={setDirty}
              />
            </div>
            <div className="xl:sticky xl:top-4">
              <DebugChat
                key={`${current.id}-${formGeneration}`}
                agent={current}
                canChat={editable}
                dirty={dirty}
              />
            </div>
          </div>
          {tab === 'versions' && (
            <VersionsCard agent={current} editable={editable} onRolledBack={rolledBack} />
          )}
          {tab === 'api' && <ApiAccess agent={current} />}
          {tab === 'logs' && <AgentLogs agent={current} editable={editable} />}
          <PublishDialog
            agent={current}
            open={publishing}
            dirty={dirty}
            onClose={() => setPublishing(false)}
          />
        </>
      )}
    </DetailPage>
  );
}
