import type { Problem } from '@astron/dsl';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { Workflow } from '../../api/types.js';
import { InlineError } from '../../components/error-state.js';
import { Button } from '../../components/ui/button.js';
import { Dialog } from '../../components/ui/dialog.js';
import { useSubmit } from '../../lib/use-submit.js';
import { ProblemsList } from './panel/problems-list.js';

/** The problems the hub lists when it refuses a draft with errors (400 workflow_invalid). */
function refusedProblems(error: unknown): Problem[] {
  return isApiError(error) && error.code === 'workflow_invalid' && Array.isArray(error.details) ? (error.details as Problem[]) : [];
}

/**
 * Saves the draft, then publishes it as the next version. A draft with errors is refused by the hub with its
 * problems, listed here; choosing one closes the dialog on that node.
 */
export function PublishDialog({
  workflow,
  open,
  errorCount,
  save,
  nodeAlias,
  onClose,
  onSelectProblem,
}: {
  workflow: Workflow;
  open: boolean;
  errorCount: number;
  save: () => Promise<void>;
  nodeAlias: (nodeId: string) => string | undefined;
  onClose: () => void;
  onSelectProblem: (problem: Problem) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const publishing = useSubmit();
  const refused = refusedProblems(publishing.error);
  const [published, setPublished] = useState<number | null>(null);
  const next = (workflow.publishedVersion ?? 0) + 1;

  function close() {
    publishing.reset();
    setPublished(null);
    onClose();
  }

  async function publish() {
    await publishing.run(async () => {
      await save();
      const result = await api.workflows.publish(workflow.id);
      setPublished(result.version);
      await queryClient.invalidateQueries({ queryKey: keys.workflow(workflow.id) });
      await queryClient.invalidateQueries({ queryKey: keys.workflows, exact: true });
    });
  }

  if (published !== null)
    return (
      <Dialog open={open} onClose={close} title={t('workflows.publish.doneTitle')} data-testid="workflow-publish-dialog" footer={<Button onClick={close}>{t('common.done')}</Button>}>
        <p className="text-sm text-slate-600" data-testid="workflow-published-version" data-version={published}>
          {t('workflows.publish.done', { version: published })}
        </p>
      </Dialog>
    );

  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('workflows.publish.title')}
      data-testid="workflow-publish-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button loading={publishing.busy} onClick={() => void publish()} data-testid="workflow-publish-submit">
            {t('workflows.publish.submit', { version: next })}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-sm text-slate-600">
        <p>{t('workflows.publish.body', { version: next })}</p>
        {errorCount > 0 && refused.length === 0 && <p className="text-amber-700">{t('workflows.publish.hasErrors', { count: errorCount })}</p>}
        <InlineError error={publishing.error} />
        {refused.length > 0 && (
          <div className="max-h-64 overflow-y-auto rounded-md border border-red-200" data-testid="workflow-publish-problems">
            <ProblemsList
              problems={refused}
              nodeAlias={nodeAlias}
              onSelect={(problem) => {
                close();
                onSelectProblem(problem);
              }}
            />
          </div>
        )}
      </div>
    </Dialog>
  );
}
