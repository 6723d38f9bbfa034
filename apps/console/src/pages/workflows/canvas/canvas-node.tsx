import { getNodeDefinition } from '@astron/dsl';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { CircleAlert, TriangleAlert } from 'lucide-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn.js';
import { branchLabel, nodeTitle } from '../labels.js';
import type { CanvasFlowNode } from './flow-model.js';
import { CATEGORY_ACCENT, STATUS_RING } from './status-style.js';

function ProblemMark({ severity, count }: { severity: 'error' | 'warning' | null; count: number }) {
  const { t } = useTranslation();
  if (severity === null) return null;
  const Icon = severity === 'error' ? CircleAlert : TriangleAlert;
  return (
    <span
      className={cn('inline-flex items-center gap-0.5 text-[11px] font-medium', severity === 'error' ? 'text-red-600' : 'text-amber-600')}
      title={t('workflows.canvas.problems', { count })}
      data-testid="node-problem-mark"
    >
      <Icon className="size-3.5" aria-hidden />
      {count}
    </span>
  );
}

/** One node of the canvas: its title and alias, its markers and run status, one source handle per branch. */
function CanvasNodeView({ id, data, selected }: NodeProps<CanvasFlowNode>) {
  const { t } = useTranslation();
  const { node, type, handles, hasTarget, severity, problemCount, status } = data;
  const category = getNodeDefinition(type)?.category ?? 'other';
  const container = getNodeDefinition(type)?.container !== undefined;
  return (
    <div
      data-testid="canvas-node"
      data-id={id}
      data-type={type}
      data-status={status ?? 'idle'}
      data-problems={severity ?? 'none'}
      className={cn(
        'relative rounded-lg border bg-white text-left shadow-sm transition-shadow',
        container ? 'h-full w-full border-dashed border-slate-300 bg-slate-50/80' : 'w-60 border-slate-200',
        severity === 'error' && 'border-red-400',
        severity === 'warning' && 'border-amber-400',
        selected && 'outline-2 outline-offset-2 outline-indigo-500',
        status !== undefined && STATUS_RING[status],
      )}
    >
      {hasTarget && <Handle type="target" position={Position.Left} className="!size-2.5 !bg-slate-400" />}
      <div className="flex items-center gap-2 px-3 pt-2.5">
        <span className={cn('size-2 shrink-0 rounded-full', CATEGORY_ACCENT[category])} aria-hidden />
        <span className="min-w-0 flex-1 truncate text-sm font-medium text-slate-900">{node.data.nodeMeta.aliasName || nodeTitle(t, type)}</span>
        <ProblemMark severity={severity} count={problemCount} />
      </div>
      <p className="truncate px-3 pb-2 pl-7 text-[11px] text-slate-500">{nodeTitle(t, type)}</p>
      {handles.length > 0 && (
        <div className={cn('pb-1.5', container && 'absolute right-0 top-2')}>
          {handles.map((handle) => (
            <div
              key={handle.id ?? 'default'}
              className={cn('relative flex h-6 items-center justify-end pr-3 text-[11px]', handle.kind === 'error' ? 'text-red-600' : 'text-slate-500')}
            >
              {handle.kind === 'default' ? '' : handle.kind === 'error' ? t('workflows.canvas.errorBranch') : branchLabel(t, handle.label)}
              <Handle
                type="source"
                position={Position.Right}
                id={handle.id ?? undefined}
                className={cn('!size-2.5', handle.kind === 'error' ? '!bg-red-500' : handle.kind === 'branch' ? '!bg-amber-500' : '!bg-indigo-500')}
                data-testid="node-handle"
                data-handle={handle.id ?? ''}
              />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export const CanvasNode = memo(CanvasNodeView);
