import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ArrowLeft, Rocket } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, usePermissions } from '../../api/queries.js';
import type { Agent, AgentChanges } from '../../api/types.js';
import { ErrorState } from '../../components/error-state.js';
import { NoAccess } from '../../components/no-access.js';
import { PageHeader } from '../../components/page-header.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { Skeleton } from '../../components/ui/skeleton.js';
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

  const back = (
    <Link
      to="/agents"
      className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800"
    >
      <ArrowLeft className="size-4" aria-hidden />
      {t('agents.back')}
    </Link>
  );

  if (agent.isPending)
    return (
      <div className="space-y-4" role="status" aria-label={t('common.loading')} data-testid="loading">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  if (agent.isError)
    return (
      <>
        {back}
        <Card>
          <ErrorState error={agent.error} onRetry={() => void agent.refetch()} />
        </Card>
      </>
    );

  const current = agent.data;

  async function save(changes: AgentChanges) {
    const updated = await api.agents.update(current.id, changes);
    queryClient.setQueryData(keys.agent(current.id), updated);
    await queryClient.invalidateQueries({ queryKey: keys.agents, exact: true });
    toast.success(t('agents.form.saved'));
  }

  function rolledBack(updated: Agent) {
    queryClient.setQueryData(keys.agent(updated.id), updated);
    setFormGeneration((generation) => generation + 1);
    setDirty(false);
  }

  return (
    <>
      {back}
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {current.name}
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
          </span>
        }
        description={current.description === '' ? undefined : current.description}
        actions={
          editable && (
            <Button onClick={() => setPublishing(true)} data-testid="agent-publish">
              <Rocket className="size-4" aria-hidden />
              {t('agents.publish.button')}
            </Button>
          )
        }
      />
      <div
        role="tablist"
        aria-label={t('agents.title')}
        className="mb-5 flex gap-1 border-b border-slate-200"
      >
        {EDITOR_TABS.map((item) => (
          <button
            key={item}
            type="button"
            role="tab"
            aria-selected={item === tab}
            onClick={() => onTab(item)}
            className={cn(
              '-mb-px border-b-2 px-3 py-2 text-sm font-medium',
              item === tab
                ? 'border-indigo-600 text-indigo-700'
                : 'border-transparent text-slate-500 hover:text-slate-800',
            )}
            data-testid={`agent-tab-${item}`}
          >
            {t(`agents.tabs.${item}`)}
          </button>
        ))}
      </div>
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
            onSave={save}
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
      {tab === 'versions' && <VersionsCard agent={current} editable={editable} onRolledBack={rolledBack} />}
      {tab === 'api' && <ApiAccess agent={current} />}
      {tab === 'logs' && <AgentLogs agent={current} editable={editable} />}
      <PublishDialog agent={current} open={publishing} dirty={dirty} onClose={() => setPublishing(false)} />
    </>
  );
}
