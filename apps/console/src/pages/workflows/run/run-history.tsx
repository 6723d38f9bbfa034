import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ArrowLeft, History } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/index.js';
import { keys } from '../../../api/queries.js';
import type { RunStatus, WorkflowRun, WorkflowRunDetail } from '../../../api/types.js';
import { ErrorState } from '../../../components/error-state.js';
import { Badge } from '../../../components/ui/badge.js';
import { Button } from '../../../components/ui/button.js';
import { EmptyState } from '../../../components/ui/empty-state.js';
import { Select } from '../../../components/ui/select.js';
import { SkeletonRows } from '../../../components/ui/skeleton.js';
import { formatDateTime } from '../../../lib/format.js';
import { JsonView } from './json-view.js';
import { RunNodeList, type NodeRunRow } from './run-node-list.js';

const PAGE_SIZE = 20;
const STATUSES: RunStatus[] = ['queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled'];
type StatusFilter = 'all' | RunStatus;

const TONE: Record<RunStatus, 'neutral' | 'brand' | 'success' | 'warning' | 'danger'> = {
  queued: 'neutral',
  running: 'brand',
  paused: 'warning',
  succeeded: 'success',
  failed: 'danger',
  cancelled: 'neutral',
};

function rowsOf(detail: WorkflowRunDetail): NodeRunRow[] {
  return detail.nodes.map((node) => ({
    nodeKey: node.nodeKey,
    nodeId: node.nodeId,
    nodeType: node.nodeType ?? '',
    alias: '',
    status: node.status,
    attempt: node.attempt,
    inputs: node.inputs,
    outputs: node.outputs,
    error: node.error,
    durationMs: node.durationMs,
  }));
}

function RunDetail({ workflowId, run, nodeAlias, onBack, onSelectNode }: {
  workflowId: string;
  run: WorkflowRun;
  nodeAlias: (nodeId: string) => string | undefined;
  onBack: () => void;
  onSelectNode: (nodeId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const detail = useQuery({ queryKey: keys.workflowRun(workflowId, run.id), queryFn: () => api.workflows.run(workflowId, run.id) });
  return (
    <div className="space-y-3 p-4" data-testid="run-detail" data-run-id={run.id}>
      <Button variant="ghost" size="sm" onClick={onBack} data-testid="run-detail-back">
        <ArrowLeft className="size-3.5" aria-hidden />
        {t('workflows.history.back')}
      </Button>
      <div className="flex items-center gap-2 text-xs text-slate-500">
        <Badge tone={TONE[run.status]}>{t(`workflows.history.statuses.${run.status}`)}</Badge>
        <span>{formatDateTime(run.createdAt, i18n.language)}</span>
        <span className="font-mono">{run.id}</span>
      </div>
      {detail.isPending && <SkeletonRows rows={3} label={t('common.loading')} />}
      {detail.isError && <ErrorState compact error={detail.error} onRetry={() => void detail.refetch()} />}
      {detail.data !== undefined && (
        <>
          {detail.data.error !== null && (
            <p className="rounded-md bg-red-50 px-3 py-2 text-xs text-red-700">
              {detail.data.error.code}: {detail.data.error.message}
            </p>
          )}
          <div>
            <p className="mb-1 text-xs font-medium text-slate-600">{t('workflows.run.inputs')}</p>
            <JsonView value={detail.data.inputs} />
          </div>
          {detail.data.outputs !== null && detail.data.outputs !== undefined && (
            <div>
              <p className="mb-1 text-xs font-medium text-slate-600">{t('workflows.run.result')}</p>
              <JsonView value={detail.data.outputs} testId="run-detail-output" />
            </div>
          )}
          <RunNodeList nodes={rowsOf(detail.data).map((row) => ({ ...row, alias: nodeAlias(row.nodeId) ?? '' }))} onSelect={onSelectNode} />
        </>
      )}
    </div>
  );
}

/** The workflow's runs (debug and API), newest first, filtered by status; a run opens with its nodes' runs. */
export function RunHistory({
  workflowId,
  nodeAlias,
  onSelectNode,
}: {
  workflowId: string;
  nodeAlias: (nodeId: string) => string | undefined;
  onSelectNode: (nodeId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [opened, setOpened] = useState<WorkflowRun | null>(null);
  const runs = useInfiniteQuery({
    queryKey: keys.workflowRuns(workflowId, status),
    queryFn: ({ pageParam }) => api.workflows.runs(workflowId, { cursor: pageParam, limit: PAGE_SIZE, status: status === 'all' ? undefined : status }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const rows = runs.data?.pages.flatMap((page) => page.items) ?? [];

  if (opened !== null)
    return <RunDetail workflowId={workflowId} run={opened} nodeAlias={nodeAlias} onBack={() => setOpened(null)} onSelectNode={onSelectNode} />;

  return (
    <div className="space-y-3 p-4" data-testid="run-history">
      <Select
        aria-label={t('workflows.history.status')}
        value={status}
        onChange={(event) => setStatus(event.target.value as StatusFilter)}
        data-testid="run-history-status"
      >
        <option value="all">{t('workflows.history.allStatuses')}</option>
        {STATUSES.map((item) => (
          <option key={item} value={item}>
            {t(`workflows.history.statuses.${item}`)}
          </option>
        ))}
      </Select>
      {runs.isPending && <SkeletonRows rows={3} label={t('common.loading')} />}
      {runs.isError && rows.length === 0 && <ErrorState compact error={runs.error} onRetry={() => void runs.refetch()} />}
      {runs.isSuccess && rows.length === 0 && <EmptyState icon={History} title={t('workflows.history.empty')} description={t('workflows.history.emptyHint')} />}
      {rows.length > 0 && (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {rows.map((run) => (
            <li key={run.id}>
              <button
                type="button"
                className="flex w-full items-center gap-2 px-3 py-2 text-left text-xs hover:bg-slate-50"
                onClick={() => setOpened(run)}
                data-testid="run-history-row"
                data-run-id={run.id}
                data-status={run.status}
              >
                <Badge tone={TONE[run.status]}>{t(`workflows.history.statuses.${run.status}`)}</Badge>
                <span className="flex-1 text-slate-600">{formatDateTime(run.createdAt, i18n.language)}</span>
                {run.version === null ? (
                  <span className="text-slate-400">{t('workflows.history.debug')}</span>
                ) : run.version !== undefined ? (
                  <span className="text-slate-400">{t('workflows.versionLabel', { version: run.version })}</span>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
      )}
      {runs.hasNextPage && (
        <Button variant="secondary" size="sm" loading={runs.isFetchingNextPage} onClick={() => void runs.fetchNextPage()} data-testid="run-history-more">
          {t('workflows.history.more')}
        </Button>
      )}
    </div>
  );
}
