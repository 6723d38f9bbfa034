import type { Problem } from '@astron/dsl';
import { Play, RotateCcw, Square } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/index.js';
import { InlineError } from '../../../components/error-state.js';
import { Badge } from '../../../components/ui/badge.js';
import { Button } from '../../../components/ui/button.js';
import { ProblemsList } from '../panel/problems-list.js';
import { JsonView } from './json-view.js';
import { parseRunInputs, type RunField } from './run-inputs.js';
import { RunInputsForm } from './run-inputs-form.js';
import { RunNodeList } from './run-node-list.js';
import { RunQuestion } from './run-question.js';
import { isTerminal, type RunPhase } from './run-state.js';
import type { useWorkflowRun } from './use-workflow-run.js';

const PHASE_TONE: Record<RunPhase, 'neutral' | 'brand' | 'success' | 'warning' | 'danger'> = {
  idle: 'neutral',
  starting: 'brand',
  running: 'brand',
  paused: 'warning',
  succeeded: 'success',
  failed: 'danger',
  cancelled: 'neutral',
};

/** The refusal of a run whose draft has errors carries them: shown like the problems list. */
function refusedProblems(error: unknown): Problem[] {
  if (!isApiError(error) || error.code !== 'workflow_invalid' || !Array.isArray(error.details)) return [];
  return error.details as Problem[];
}

/**
 * The debug run: the start node's parameters, Run (which saves first: the hub runs the saved draft), each node's
 * run as it happens, a question to answer when the run pauses, Cancel, and the run's result.
 */
export function RunPanel({
  fields,
  run,
  editable,
  errorCount,
  nodeAlias,
  onSelectNode,
}: {
  fields: RunField[];
  /** Errors the validator finds in the draft now: the hub will refuse the run. */
  errorCount: number;
  run: ReturnType<typeof useWorkflowRun>;
  editable: boolean;
  nodeAlias: (nodeId: string) => string | undefined;
  onSelectNode: (nodeId: string) => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [errors, setErrors] = useState<Record<string, 'required' | 'json' | 'number'>>({});
  const { view } = run;
  const active = view.phase === 'starting' || view.phase === 'running';
  const refused = refusedProblems(run.error);

  function start() {
    const parsed = parseRunInputs(fields, values);
    if (!parsed.ok) return setErrors(parsed.errors);
    setErrors({});
    void run.start(parsed.inputs);
  }

  return (
    <div className="space-y-4 p-4" data-testid="run-panel">
      {!editable && <p className="text-xs text-amber-700">{t('workflows.run.noEdit')}</p>}
      {editable && errorCount > 0 && (
        <p className="text-xs text-amber-700" data-testid="run-has-errors">
          {t('workflows.run.hasErrors', { count: errorCount })}
        </p>
      )}
      <RunInputsForm
        fields={fields}
        values={values}
        errors={errors}
        disabled={!editable || active}
        onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))}
      />
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={start} disabled={!editable || active || view.phase === 'paused'} loading={view.phase === 'starting'} data-testid="run-start">
          <Play className="size-3.5" aria-hidden />
          {t('workflows.run.start')}
        </Button>
        {(active || view.phase === 'paused') && view.runId !== null && (
          <Button variant="secondary" onClick={() => void run.cancel()} data-testid="run-cancel">
            <Square className="size-3.5" aria-hidden />
            {t('workflows.run.cancel')}
          </Button>
        )}
        {isTerminal(view.phase) && (
          <Button variant="ghost" onClick={run.reset} data-testid="run-reset">
            <RotateCcw className="size-3.5" aria-hidden />
            {t('workflows.run.clear')}
          </Button>
        )}
        {view.phase !== 'idle' && (
          <Badge tone={PHASE_TONE[view.phase]} className="ml-auto" data-testid="run-status" data-phase={view.phase}>
            {t(`workflows.run.phases.${view.phase}`)}
          </Badge>
        )}
      </div>
      <InlineError error={run.error} />
      {refused.length > 0 && (
        <div className="rounded-md border border-red-200" data-testid="run-refused">
          <ProblemsList problems={refused} nodeAlias={nodeAlias} onSelect={(problem) => problem.nodeId !== undefined && onSelectNode(problem.nodeId)} />
        </div>
      )}
      {view.pause !== null && <RunQuestion key={view.pause.nodeKey} prompt={view.pause} busy={active} onAnswer={(answer) => void run.answer(answer)} />}
      {view.error !== null && (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" role="alert" data-testid="run-error">
          {view.error.code}: {view.error.message}
        </p>
      )}
      {view.phase === 'succeeded' && (
        <div>
          <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{t('workflows.run.result')}</p>
          <JsonView value={view.outputs} testId="run-output" />
        </div>
      )}
      <RunNodeList nodes={view.nodes} onSelect={onSelectNode} />
    </div>
  );
}
