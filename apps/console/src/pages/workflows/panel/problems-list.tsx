import type { Problem } from '@astron/dsl';
import { CheckCircle2, CircleAlert, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn.js';

/**
 * Everything the validator finds, errors first; a problem of a node (or an edge) selects it on click. A problem
 * is given as the hub gives it (publish refusals use the same list).
 */
export function ProblemsList({
  problems,
  nodeAlias,
  onSelect,
}: {
  problems: readonly Problem[];
  nodeAlias: (nodeId: string) => string | undefined;
  onSelect: (problem: Problem) => void;
}) {
  const { t } = useTranslation();
  if (problems.length === 0)
    return (
      <p className="flex items-center gap-2 p-4 text-sm text-emerald-700" data-testid="problems-list" data-count={0}>
        <CheckCircle2 className="size-4" aria-hidden />
        {t('workflows.problems.none')}
      </p>
    );
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <ul className="divide-y divide-slate-100" data-testid="problems-list" data-count={problems.length}>
      {sorted.map((problem, index) => {
        const Icon = problem.severity === 'error' ? CircleAlert : TriangleAlert;
        const alias = problem.nodeId === undefined ? undefined : nodeAlias(problem.nodeId);
        const clickable = problem.nodeId !== undefined || problem.edgeId !== undefined;
        return (
          <li key={index}>
            <button
              type="button"
              disabled={!clickable}
              onClick={() => onSelect(problem)}
              className={cn('flex w-full gap-2 px-4 py-2.5 text-left text-xs', clickable ? 'hover:bg-slate-50' : 'cursor-default')}
              data-testid="problem-item"
              data-severity={problem.severity}
              data-code={problem.code}
              data-node-id={problem.nodeId}
            >
              <Icon className={cn('mt-0.5 size-3.5 shrink-0', problem.severity === 'error' ? 'text-red-600' : 'text-amber-600')} aria-hidden />
              <span className="min-w-0">
                {alias !== undefined && <span className="block font-medium text-slate-800">{alias}</span>}
                <span className="text-slate-600">{problem.message}</span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
