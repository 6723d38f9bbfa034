import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Plus, Upload, Workflow as WorkflowIcon } from 'lucide-react';
import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, usePermissions } from '../../api/queries.js';
import type { WorkflowImportWarning, WorkflowSummary } from '../../api/types.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { ErrorState } from '../../components/error-state.js';
import { NoAccess } from '../../components/no-access.js';
import { PageHeader } from '../../components/page-header.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { Dialog } from '../../components/ui/dialog.js';
import { EmptyState } from '../../components/ui/empty-state.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table.js';
import { useToast } from '../../components/ui/toast.js';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime, formatRelative } from '../../lib/format.js';
import { useSubmit } from '../../lib/use-submit.js';
import { CreateWorkflowDialog } from './create-workflow-dialog.js';
import { readWorkflowFile } from './import-workflow.js';

function ProblemsBadge({ workflow }: { workflow: WorkflowSummary }) {
  const { t } = useTranslation();
  const errors = workflow.problems.filter((problem) => problem.severity === 'error').length;
  if (errors === 0) return <Badge tone="success">{t('workflows.ready')}</Badge>;
  return <Badge tone="danger">{t('workflows.problemCount', { count: errors })}</Badge>;
}

/** The space's workflows: create, import (our export or the original astron-agent's, JSON or YAML), open, delete. */
export function WorkflowsPage() {
  const { t, i18n } = useTranslation();
  const { can } = usePermissions();
  const queryClient = useQueryClient();
  const toast = useToast();
  const edit = can('resources.edit');
  const list = useQuery({ queryKey: keys.workflows, queryFn: () => api.workflows.list(), enabled: can('resources.view') });
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<WorkflowSummary | null>(null);
  const importing = useSubmit({ onError: (failure) => toast.error(errorMessage(failure, t)) });
  const [warnings, setWarnings] = useState<{ name: string; items: WorkflowImportWarning[] } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  if (!can('resources.view')) return <NoAccess />;

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    await importing.run(async () => {
      const result = await api.workflows.importFile(await readWorkflowFile(file, t('workflows.importEmpty')));
      queryClient.setQueryData(keys.workflow(result.workflow.id), result.workflow);
      await queryClient.invalidateQueries({ queryKey: keys.workflows, exact: true });
      if (result.warnings.length > 0) setWarnings({ name: result.workflow.name, items: result.warnings });
      else toast.success(t('workflows.imported', { name: result.workflow.name }));
    });
  }

  const createButton = (testId: string) =>
    edit && (
      <Button onClick={() => setCreating(true)} data-testid={testId}>
        <Plus className="size-4" aria-hidden />
        {t('workflows.create')}
      </Button>
    );

  return (
    <>
      <PageHeader
        title={t('workflows.title')}
        description={t('workflows.description')}
        actions={
          edit && (
            <>
              <input
                ref={fileInput}
                type="file"
                accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
                className="hidden"
                onChange={(event) => void importFile(event)}
                data-testid="workflow-import-file"
              />
              <Button variant="secondary" loading={importing.busy} onClick={() => fileInput.current?.click()} data-testid="workflow-import">
                <Upload className="size-4" aria-hidden />
                {t('workflows.import')}
              </Button>
              {createButton('workflow-create')}
            </>
          )
        }
      />
      <Card>
        {list.isPending && <SkeletonRows label={t('common.loading')} />}
        {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
        {list.data !== undefined && list.data.items.length === 0 && (
          <EmptyState
            icon={WorkflowIcon}
            title={t('workflows.empty')}
            description={edit ? t('workflows.emptyHint') : t('workflows.emptyHintViewer')}
            action={createButton('workflow-create-empty')}
          />
        )}
        {list.data !== undefined && list.data.items.length > 0 && (
          <Table data-testid="workflows-table">
            <TableHead>
              <tr>
                <TableHeader>{t('workflows.name')}</TableHeader>
                <TableHeader>{t('workflows.draft')}</TableHeader>
                <TableHeader>{t('workflows.published')}</TableHeader>
                <TableHeader>{t('workflows.updated')}</TableHeader>
                <TableHeader className="text-right">
                  <span className="sr-only">{t('common.actions')}</span>
                </TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {list.data.items.map((workflow) => (
                <TableRow key={workflow.id} data-testid="workflow-row" data-name={workflow.name} data-workflow-id={workflow.id}>
                  <TableCell className="max-w-md">
                    <Link
                      to="/workflows/$workflowId"
                      params={{ workflowId: workflow.id }}
                      className="font-medium text-slate-900 hover:text-indigo-700 hover:underline"
                      data-testid="workflow-open"
                    >
                      {workflow.name}
                    </Link>
                    {workflow.description !== '' && <p className="mt-0.5 truncate text-xs text-slate-500">{workflow.description}</p>}
                  </TableCell>
                  <TableCell>
                    <ProblemsBadge workflow={workflow} />
                  </TableCell>
                  <TableCell>
                    {workflow.publishedVersion === null ? (
                      <Badge>{t('workflows.draftOnly')}</Badge>
                    ) : (
                      <Badge tone="success" title={formatDateTime(workflow.publishedAt, i18n.language)}>
                        {t('workflows.versionLabel', { version: workflow.publishedVersion })}
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-slate-500" title={formatDateTime(workflow.updatedAt, i18n.language)}>
                    {formatRelative(workflow.updatedAt, i18n.language)}
                  </TableCell>
                  <TableCell className="text-right">
                    {edit && (
                      <Button
                        variant="ghost"
                        size="sm"
                        className="text-red-600 hover:bg-red-50"
                        onClick={() => setDeleting(workflow)}
                        data-testid="workflow-delete"
                      >
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
      <CreateWorkflowDialog open={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('workflows.deleteTitle')}
        body={t('workflows.deleteBody', { name: deleting?.name })}
        confirmLabel={t('common.delete')}
        onConfirm={async () => {
          if (deleting === null) return;
          await api.workflows.remove(deleting.id);
          queryClient.removeQueries({ queryKey: keys.workflow(deleting.id) });
          await queryClient.invalidateQueries({ queryKey: keys.workflows, exact: true });
          toast.success(t('workflows.deleted', { name: deleting.name }));
        }}
      />
      <Dialog
        open={warnings !== null}
        onClose={() => setWarnings(null)}
        title={t('workflows.importedWithWarnings', { name: warnings?.name })}
        data-testid="workflow-import-warnings"
        footer={<Button onClick={() => setWarnings(null)}>{t('common.done')}</Button>}
      >
        <ul className="list-disc space-y-1 pl-5 text-sm text-amber-800">
          {warnings?.items.map((warning, index) => (
            <li key={index} data-testid="workflow-import-warning" data-code={warning.code}>
              {warning.message}
            </li>
          ))}
        </ul>
      </Dialog>
    </>
  );
}
