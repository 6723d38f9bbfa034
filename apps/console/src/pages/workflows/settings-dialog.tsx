import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { Workflow, WorkflowChanges } from '../../api/types.js';
import { FormFooter } from '../../components/form-footer.js';
import { Dialog } from '../../components/ui/dialog.js';
import { Field, Input, Textarea } from '../../components/ui/input.js';
import { fieldError, serverFieldErrors } from '../../lib/errors.js';
import { useSubmit } from '../../lib/use-submit.js';

/** The hub's alias rule: it must never look like a workflow id. */
export function isValidWorkflowAlias(alias: string): boolean {
  return alias.length <= 64 && /^[a-z0-9][a-z0-9._-]*$/.test(alias) && !alias.startsWith('workflow_');
}

/** Name, description and alias: not part of the draft's canvas, saved at once (the alias applies to the API at once). */
export function SettingsDialog({ workflow, open, onClose }: { workflow: Workflow; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(workflow.name);
  const [description, setDescription] = useState(workflow.description);
  const [alias, setAlias] = useState(workflow.alias ?? '');
  const [attempted, setAttempted] = useState(false);
  const saving = useSubmit();
  const error = saving.error;
  const server = serverFieldErrors(error);
  const aliasTaken = isApiError(error) && error.code === 'alias_taken';
  const nameProblem = attempted && name.trim() === '' ? t('validation.required') : fieldError(server, 'name');
  const aliasProblem =
    attempted && alias !== '' && !isValidWorkflowAlias(alias) ? t('workflows.settings.aliasRule') : aliasTaken ? t('workflows.settings.aliasTaken') : fieldError(server, 'alias');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    if (name.trim() === '' || (alias !== '' && !isValidWorkflowAlias(alias))) return;
    const changes: WorkflowChanges = {};
    if (name.trim() !== workflow.name) changes.name = name.trim();
    if (description !== workflow.description) changes.description = description;
    if (alias !== (workflow.alias ?? '')) changes.alias = alias === '' ? null : alias;
    await saving.run(async () => {
      if (Object.keys(changes).length > 0) {
        const updated = await api.workflows.update(workflow.id, changes);
        queryClient.setQueryData(keys.workflow(workflow.id), updated);
        await queryClient.invalidateQueries({ queryKey: keys.workflows, exact: true });
      }
      onClose();
    });
  }

  return (
    <Dialog open={open} onClose={onClose} title={t('workflows.settings.title')} data-testid="workflow-settings-dialog">
      <form onSubmit={(event) => void submit(event)} className="space-y-4" noValidate data-testid="workflow-settings-form">
        <Field label={t('workflows.name')} error={nameProblem}>
          {(control) => <Input {...control} value={name} maxLength={128} onChange={(event) => setName(event.target.value)} data-testid="workflow-name" />}
        </Field>
        <Field label={t('workflows.settings.alias')} hint={t('workflows.settings.aliasHint')} error={aliasProblem}>
          {(control) => (
            <Input {...control} value={alias} className="font-mono" onChange={(event) => setAlias(event.target.value.trim())} data-testid="workflow-alias" />
          )}
        </Field>
        <Field label={t('workflows.descriptionLabel')} error={fieldError(server, 'description')}>
          {(control) => (
            <Textarea {...control} rows={3} value={description} maxLength={2000} onChange={(event) => setDescription(event.target.value)} data-testid="workflow-description" />
          )}
        </Field>
        <FormFooter error={nameProblem === undefined && aliasProblem === undefined ? error : null} busy={saving.busy} onCancel={onClose} submitLabel={t('common.save')} submitTestId="workflow-settings-save" />
      </form>
    </Dialog>
  );
}
