import { useQuery, useQueryClient } from '@tanstack/react-query';
import { History } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { Workflow, WorkflowVersion } from '../../api/types.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { ErrorState } from '../../components/error-state.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { EmptyState } from '../../components/ui/empty-state.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { useToast } from '../../components/ui/toast.js';
import { formatDateTime } from '../../lib/format.js';

/** Published versions, newest first; restoring one makes it the draft (name and description too). */
export function VersionsPanel({
  workflow,
  editable,
  onRolledBack,
}: {
  workflow: Workflow;
  editable: boolean;
  onRolledBack: (workflow: Workflow) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const versions = useQuery({ queryKey: keys.workflowVersions(workflow.id), queryFn: () => api.workflows.versions(workflow.id) });
  const [restoring, setRestoring] = useState<WorkflowVersion | null>(null);

  return (
    <div className="p-4" data-testid="workflow-versions">
      <p className="mb-3 text-xs text-slate-500">{t('workflows.versions.description')}</p>
      {versions.isPending && <SkeletonRows rows={2} label={t('common.loading')} />}
      {versions.isError && <ErrorState compact error={versions.error} onRetry={() => void versions.refetch()} />}
      {versions.data !== undefined && versions.data.items.length === 0 && (
        <EmptyState icon={History} title={t('workflows.versions.empty')} description={t('workflows.versions.emptyHint')} />
      )}
      {versions.data !== undefined && versions.data.items.length > 0 && (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {versions.data.items.map((version) => (
            <li key={version.version} className="flex items-center gap-2 px-3 py-2 text-xs" data-testid="workflow-version-row" data-version={version.version}>
              <span className="font-medium text-slate-900">{t('workflows.versionLabel', { version: version.version })}</span>
              {version.version === workflow.publishedVersion && <Badge tone="success">{t('workflows.versions.serving')}</Badge>}
              <span className="flex-1 text-slate-500">{formatDateTime(version.publishedAt, i18n.language)}</span>
              {editable && (
                <Button variant="ghost" size="sm" onClick={() => setRestoring(version)} data-testid="workflow-rollback">
                  {t('workflows.versions.rollback')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={restoring !== null}
        onClose={() => setRestoring(null)}
        title={t('workflows.versions.rollbackTitle', { version: restoring?.version })}
        body={t('workflows.versions.rollbackBody')}
        confirmLabel={t('workflows.versions.rollback')}
        onConfirm={async () => {
          if (restoring === null) return;
          const updated = await api.workflows.rollback(workflow.id, restoring.version);
          queryClient.setQueryData(keys.workflow(workflow.id), updated);
          await queryClient.invalidateQueries({ queryKey: keys.workflows, exact: true });
          onRolledBack(updated);
          toast.success(t('workflows.versions.rolledBack', { version: restoring.version }));
        }}
      />
    </div>
  );
}
