import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn.js';
import { STATUS_DOT } from '../canvas/status-style.js';
import { nodeTitle } from '../labels.js';
import { JsonView } from './json-view.js';
import type { NodeRunStatus } from './run-state.js';

/** What the list shows of a node's run, live or from the history. */
export interface NodeRunRow {
  nodeKey: string;
  nodeId: string;
  nodeType: string;
  alias: string;
  /** A NodeRunStatus, or any other status the hub reports for a stored node run. */
  status: string;
  attempt?: number;
  inputs: unknown;
  outputs: unknown;
  error: { code: string; message: string } | null;
  durationMs: number | null;
  content?: string;
}

/** Each node's run in the order they started: status, timing, and (opened) its inputs, outputs, text and error. */
export function RunNodeList({ nodes, onSelect }: { nodes: NodeRunRow[]; onSelect?: (nodeId: string) => void }) {
  const { t } = useTranslation();
  if (nodes.length === 0) return null;
  return (
    <ul className="space-y-1.5" data-testid="run-nodes">
      {nodes.map((node) => {
        const status = node.status as NodeRunStatus;
        const type = node.nodeType || node.nodeId.split('::')[0] || '';
        return (
          <li key={node.nodeKey} data-testid="run-node" data-id={node.nodeId} data-key={node.nodeKey} data-status={node.status}>
            <details className="rounded-md border border-slate-200 bg-white">
              <summary className="flex cursor-pointer items-center gap-2 px-2.5 py-1.5 text-xs">
                <span className={cn('size-2 shrink-0 rounded-full', STATUS_DOT[status] ?? 'bg-slate-300')} aria-hidden />
                <span className="min-w-0 flex-1 truncate font-medium text-slate-800">{node.alias || nodeTitle(t, type)}</span>
                <span className="text-slate-500">{t(`workflows.run.nodeStatus.${status in STATUS_DOT ? status : 'running'}`)}</span>
                {node.durationMs !== null && <span className="tabular-nums text-slate-400">{t('workflows.run.ms', { ms: node.durationMs })}</span>}
                {onSelect !== undefined && (
                  <button
                    type="button"
                    className="text-indigo-600 hover:underline"
                    onClick={(event) => {
                      event.preventDefault();
                      onSelect(node.nodeId);
                    }}
                  >
                    {t('workflows.run.show')}
                  </button>
                )}
              </summary>
              <div className="space-y-2 border-t border-slate-100 p-2.5 text-xs">
                {(node.attempt ?? 1) > 1 && <p className="text-slate-500">{t('workflows.run.attempt', { attempt: node.attempt })}</p>}
                {node.error !== null && (
                  <p className="rounded bg-red-50 px-2 py-1 text-red-700" data-testid="run-node-error">
                    {node.error.code}: {node.error.message}
                  </p>
                )}
                <div>
                  <p className="mb-1 font-medium text-slate-600">{t('workflows.run.inputs')}</p>
                  <JsonView value={node.inputs} testId="run-node-inputs" />
                </div>
                {node.content !== undefined && node.content !== '' && (
                  <div>
                    <p className="mb-1 font-medium text-slate-600">{t('workflows.run.streamed')}</p>
                    <JsonView value={node.content} />
                  </div>
                )}
                <div>
                  <p className="mb-1 font-medium text-slate-600">{t('workflows.run.outputs')}</p>
                  <JsonView value={node.outputs} testId="run-node-outputs" />
                </div>
              </div>
            </details>
          </li>
        );
      })}
    </ul>
  );
}
