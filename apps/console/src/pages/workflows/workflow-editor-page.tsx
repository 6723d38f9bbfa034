import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ReactFlowProvider } from '@xyflow/react';
import { ArrowLeft } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, usePermissions } from '../../api/queries.js';
import { ErrorState } from '../../components/error-state.js';
import { NoAccess } from '../../components/no-access.js';
import { Card } from '../../components/ui/card.js';
import { Skeleton } from '../../components/ui/skeleton.js';
import { EditorBody } from './editor-body.js';

/** /workflows/:id — the canvas editor of a workflow (loaded on demand: xyflow, dagre and the DSL are its own chunk). */
export function WorkflowEditorPage({ workflowId }: { workflowId: string }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const workflow = useQuery({ queryKey: keys.workflow(workflowId), queryFn: () => api.workflows.get(workflowId), enabled: can('resources.view') });

  if (!can('resources.view')) return <NoAccess />;
  if (workflow.isPending)
    return (
      <div className="space-y-4" role="status" aria-label={t('common.loading')} data-testid="loading">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  if (workflow.isError)
    return (
      <>
        <Link to="/workflows" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
          <ArrowLeft className="size-4" aria-hidden />
          {t('workflows.back')}
        </Link>
        <Card>
          <ErrorState error={workflow.error} onRetry={() => void workflow.refetch()} />
        </Card>
      </>
    );
  return (
    <ReactFlowProvider>
      <EditorBody workflow={workflow.data} editable={can('resources.edit')} />
    </ReactFlowProvider>
  );
}
