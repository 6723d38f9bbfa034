import { useQuery, useQueryClient } from '@tanstack/react-query';
import { History } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { Agent, AgentVersion } from '../../api/types.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { ErrorState } from '../../components/error-state.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { Card, CardHeader } from '../../components/ui/card.js';
import { EmptyState } from '../../components/ui/empty-state.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table.js';
import { useToast } from '../../components/ui/toast.js';
import { formatDateTime } from '../../lib/format.js';

/** Published versions, newest first; any of them can become the draft again. */
export function VersionsCard({
  agent,
  editable,
  onRolledBack,
}: {
  agent: Agent;
  editable: boolean;
  onRolledBack: (agent: Agent) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const versions = useQuery({
    queryKey: keys.agentVersions(agent.id),
    queryFn: () => api.agents.versions(agent.id),
  });
  const [restoring, setRestoring] = useState<AgentVersion | null>(null);

  return (
    <Card>
      <CardHeader title={t('agents.versions.title')} description={t('agents.versions.description')} />
      {versions.isPending && <SkeletonRows label={t('common.loading')} rows={2} />}
      {versions.isError && (
        <ErrorState compact error={versions.error} onRetry={() => void versions.refetch()} />
      )}
      {versions.data !== undefined && versions.data.items.length === 0 && (
        <EmptyState
          icon={History}
          title={t('agents.versions.empty')}
          description={t('agents.versions.emptyHint')}
        />
      )}
      {versions.data !== undefined && versions.data.items.length > 0 && (
        <Table data-testid="agent-versions">
          <TableHead>
            <tr>
              <TableHeader>{t('agents.versions.version')}</TableHeader>
              <TableHeader>{t('agents.versions.publishedAt')}</TableHeader>
              <TableHeader>{t('agents.versions.model')}</TableHeader>
              <TableHeader className="text-right">
                <span className="sr-only">{t('common.actions')}</span>
              </TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {versions.data.items.map((version) => (
              <TableRow key={version.version} data-testid="agent-version-row" data-version={version.version}>
                <TableCell className="font-medium text-slate-900">
                  {t('agents.versionLabel', { version: version.version })}
                  {version.version === agent.publishedVersion && (
                    <Badge tone="success" className="ml-2">
                      {t('agents.versions.serving')}
                    </Badge>
                  )}
                </TableCell>
                <TableCell className="whitespace-nowrap text-slate-500">
                  {formatDateTime(version.publishedAt, i18n.language)}
                </TableCell>
                <TableCell className="text-slate-500">
                  <code className="text-xs">{version.snapshot.model ?? '—'}</code>
                </TableCell>
                <TableCell className="text-right">
                  {editable && (
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => setRestoring(version)}
                      data-testid="agent-rollback"
                    >
                      {t('agents.versions.rollback')}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ConfirmDialog
        open={restoring !== null}
        onClose={() => setRestoring(null)}
        title={t('agents.versions.rollbackTitle', { version: restoring?.version })}
        body={t('agents.versions.rollbackBody')}
        confirmLabel={t('agents.versions.rollback')}
        onConfirm={async () => {
          if (restoring === null) return;
          const updated = await api.agents.rollback(agent.id, restoring.version);
          queryClient.setQueryData(keys.agent(agent.id), updated);
          await queryClient.invalidateQueries({ queryKey: keys.agents, exact: true });
          onRolledBack(updated);
          toast.success(t('agents.versions.rolledBack', { version: restoring.version }));
        }}
      />
    </Card>
  );
}
