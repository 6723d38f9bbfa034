import { useTranslation } from 'react-i18next';
import type { WorkflowSummary } from '../../api/types.js';

/**
 * The space's workflows an agent may call as tools. Runs use their published versions: an unpublished one is
 * marked, since the agent refuses to run until it is published (or left out).
 */
export function AgentWorkflows({ workflows, selected, onChange }: { workflows: WorkflowSummary[] | undefined; selected: string[]; onChange: (workflows: string[]) => void }) {
  const { t } = useTranslation();
  const items = workflows ?? [];
  return (
    <div className="space-y-2" role="group" aria-label={t('agents.form.workflows')} data-testid="agent-workflows">
      <p className="text-sm font-medium text-slate-700">{t('agents.form.workflows')}</p>
      <p className="text-xs text-slate-500">{t('agents.form.workflowsHint')}</p>
      {workflows !== undefined && items.length === 0 && <p className="text-xs text-slate-400">{t('agents.form.workflowsEmpty')}</p>}
      {items.map((workflow) => (
        <label key={workflow.id} className="flex items-start gap-2.5 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600"
            checked={selected.includes(workflow.id)}
            onChange={(event) => onChange(event.target.checked ? [...selected, workflow.id] : selected.filter((id) => id !== workflow.id))}
            data-testid="agent-workflow"
            data-workflow-id={workflow.id}
          />
          <span>
            <span className="font-medium text-slate-800">{workflow.name}</span>
            {workflow.publishedVersion === null && <span className="ml-1.5 text-xs text-amber-600">{t('agents.form.workflowUnpublished')}</span>}
            {workflow.description !== '' && <span className="block text-xs text-slate-500">{workflow.description}</span>}
          </span>
        </label>
      ))}
    </div>
  );
}
