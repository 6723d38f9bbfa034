import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Bot, Plus, Upload } from 'lucide-react';
import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, usePermissions } from '../../api/queries.js';
import { NoAccess } from '../../components/no-access.js';
import { PageHeader } from '../../components/page-header.js';
import { ResourceList } from '../../components/resource-list.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { Dialog } from '../../components/ui/dialog.js';
import { useToast } from '../../components/ui/toast.js';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime, formatRelative } from '../../lib/format.js';
import { useSubmit } from '../../lib/use-submit.js';
import { CreateAgentDialog } from './create-agent-dialog.js';
import { readAgentFile } from './import-agent.js';

export function AgentsPage() {
  const { t, i18n } = useTranslation();
  const { can } = usePermissions();
  const queryClient = useQueryClient();
  const toast = useToast();
  const edit = can('resources.edit');
  const list = useQuery({
    queryKey: keys.agents,
    queryFn: () => api.agents.list(),
    enabled: can('resources.view'),
  });
  const [creating, setCreating] = useState(false);
  const importing = useSubmit({ onError: (failure) => toast.error(errorMessage(failure, t)) });
  const [warnings, setWarnings] = useState<{ name: string; items: string[] } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  if (!can('resources.view')) return <NoAccess />;

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    await importing.run(async () => {
      const result = await api.agents.importFile(await readAgentFile(file, t('agents.importInvalid')));
      await queryClient.invalidateQueries({ queryKey: keys.agents, exact: true });
      if (result.warnings.length > 0) setWarnings({ name: result.agent.name, items: result.warnings });
      else toast.success(t('agents.imported', { name: result.agent.name }));
    });
  }

  const createButton = (testId: string) =>
    edit && (
      <Button onClick={() => setCreating(true)} data-testid={testId}>
        <Plus className="size-4" aria-hidden />
        {t('agents.create')}
      </Button>
    );

  return (
    <>
      <PageHeader
        title={t('agents.title')}
        description={t('agents.description')}
        actions={
          edit && (
            <>
              <input
                ref={fileInput}
                type="file"
                accept=".json,application/json"
                className="hidden"
                onChange={(event) => void importFile(event)}
                data-testid="agent-import-file"
              />
              <Button
                variant="secondary"
                loading={importing.busy}
                onClick={() => fileInput.current?.click()}
                data-testid="agent-import"
              >
                <Upload className="size-4" aria-hidden />
                {t('agents.import')}
              </Button>
              {createButton('agent-create')}
            </>
          )
        }
      />
      <ResourceList
        query={list}
        tableTestId="agents-table"
        rowKey={(agent) => agent.id}
        rowProps={(agent) => ({
          'data-testid': 'agent-row',
          'data-name': agent.name,
          'data-agent-id': agent.id,
        })}
        empty={{
          icon: Bot,
          title: t('agents.empty'),
          description: edit ? t('agents.emptyHint') : t('agents.emptyHintViewer'),
          action: createButton('agent-create-empty'),
        }}
        columns={[
          {
            header: t('agents.name'),
            className: 'max-w-md',
            cell: (agent) => (
              <>
                <Link
                  to="/agents/$agentId"
                  params={{ agentId: agent.id }}
                  className="font-medium text-slate-900 hover:text-indigo-700 hover:underline"
                  data-testid="agent-open"
                >
                  {agent.name}
                </Link>
                {agent.description !== '' && (
                  <p className="mt-0.5 truncate text-xs text-slate-500">{agent.description}</p>
                )}
              </>
            ),
          },
          {
            header: t('agents.published'),
            cell: (agent) =>
              agent.publishedVersion === null ? (
                <Badge>{t('agents.draftOnly')}</Badge>
              ) : (
                <Badge tone="success" title={formatDateTime(agent.publishedAt, i18n.language)}>
                  {t('agents.versionLabel', { version: agent.publishedVersion })}
                </Badge>
              ),
          },
          {
            header: t('agents.updated'),
            className: 'whitespace-nowrap text-slate-500',
            title: (agent) => formatDateTime(agent.updatedAt, i18n.language),
            cell: (agent) => formatRelative(agent.updatedAt, i18n.language),
          },
        ]}
        remove={
          edit
            ? {
                testId: 'agent-delete',
                title: t('agents.deleteTitle'),
                body: (agent) => t('agents.deleteBody', { name: agent.name }),
                run: async (agent) => {
                  await api.agents.remove(agent.id);
                  queryClient.removeQueries({ queryKey: keys.agent(agent.id) });
                  await queryClient.invalidateQueries({ queryKey: keys.agents, exact: true });
                  toast.success(t('agents.deleted', { name: agent.name }));
                },
              }
            : undefined
        }
      />
      <CreateAgentDialog open={creating} onClose={() => setCreating(false)} />
      <Dialog
        open={warnings !== null}
        onClose={() => setWarnings(null)}
        title={t('agents.importedWithWarnings', { name: warnings?.name })}
        data-testid="agent-import-warnings"
        footer={<Button onClick={() => setWarnings(null)}>{t('common.done')}</Button>}
      >
        <ul className="list-disc space-y-1 pl-5 text-sm text-amber-800">
          {warnings?.items.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      </Dialog>
    </>
  );
}
