import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import { FormFooter } from '../../components/form-footer.js';
import { Dialog } from '../../components/ui/dialog.js';
import { Field, Input, Textarea } from '../../components/ui/input.js';
import { fieldError, serverFieldErrors } from '../../lib/errors.js';
import { useChecks } from '../../lib/use-checks.js';
import { useSubmit } from '../../lib/use-submit.js';
import { check, required } from '../../lib/validation.js';

/** A name (and a description) is all a new workflow needs: the hub starts it as a start joined to an end. */
export function CreateWorkflowDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const checks = useChecks(name, (value: string) => ({ name: check(value, required) }));
  const creation = useSubmit();
  const problem = checks.errors.name;
  const serverErrors = serverFieldErrors(creation.error);
  const nameError = fieldError(serverErrors, 'name');

  function close() {
    setName('');
    setDescription('');
    checks.reset();
    creation.reset();
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!checks.attempt()) return;
    await creation.run(async () => {
      const trimmed = description.trim();
      const workflow = await api.workflows.create({ name: name.trim(), ...(trimmed === '' ? {} : { description: trimmed }) });
      queryClient.setQueryData(keys.workflow(workflow.id), workflow);
      await queryClient.invalidateQueries({ queryKey: keys.workflows, exact: true });
      close();
      await navigate({ to: '/workflows/$workflowId', params: { workflowId: workflow.id } });
    });
  }

  return (
    <Dialog open={open} onClose={close} title={t('workflows.createTitle')} description={t('workflows.createDescription')}>
      <form onSubmit={(event) => void submit(event)} className="space-y-4" noValidate data-testid="workflow-create-form">
        <Field label={t('workflows.name')} error={problem === undefined ? nameError : t(problem)}>
          {(control) => (
            <Input
              {...control}
              value={name}
              maxLength={128}
              onChange={(event) => setName(event.target.value)}
              data-testid="workflow-create-name"
            />
          )}
        </Field>
        <Field label={t('workflows.descriptionLabel')} error={fieldError(serverErrors, 'description')}>
          {(control) => (
            <Textarea
              {...control}
              rows={3}
              value={description}
              maxLength={2000}
              onChange={(event) => setDescription(event.target.value)}
              data-testid="workflow-create-description"
            />
          )}
        </Field>
        <FormFooter error={nameError === undefined ? creation.error : null} busy={creation.busy} onCancel={close} submitLabel={t('workflows.createSubmit')} submitTestId="workflow-create-submit" />
      </form>
    </Dialog>
  );
}
