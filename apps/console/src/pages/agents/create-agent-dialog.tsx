import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import { FormFooter } from '../../components/form-footer.js';
import { Dialog } from '../../components/ui/dialog.js';
import { Field, Input } from '../../components/ui/input.js';
import { fieldError, serverFieldErrors } from '../../lib/errors.js';
import { useChecks } from '../../lib/use-checks.js';
import { useSubmit } from '../../lib/use-submit.js';
import { check, required } from '../../lib/validation.js';

/** A name is all a new agent needs; the editor opens on it for the rest. */
export function CreateAgentDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const checks = useChecks(name, (value: string) => ({ name: check(value, required) }));
  const creation = useSubmit();
  const problem = checks.errors.name;
  const serverError = fieldError(serverFieldErrors(creation.error), 'name');

  function close() {
    setName('');
    checks.reset();
    creation.reset();
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!checks.attempt()) return;
    await creation.run(async () => {
      const agent = await api.agents.create({ name: name.trim() });
      queryClient.setQueryData(keys.agent(agent.id), agent);
      await queryClient.invalidateQueries({ queryKey: keys.agents, exact: true });
      close();
      await navigate({ to: '/agents/$agentId', params: { agentId: agent.id } });
    });
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('agents.createTitle')}
      description={t('agents.createDescription')}
    >
      <form
        onSubmit={(event) => void submit(event)}
        className="space-y-4"
        noValidate
        data-testid="agent-create-form"
      >
        <Field label={t('agents.form.name')} error={problem === undefined ? serverError : t(problem)}>
          {(control) => (
            <Input
              {...control}
              value={name}
              maxLength={128}
              onChange={(event) => setName(event.target.value)}
              data-testid="agent-create-name"
            />
          )}
        </Field>
        <FormFooter
          error={serverError === undefined ? creation.error : null}
          busy={creation.busy}
          onCancel={close}
          submitLabel={t('agents.createSubmit')}
          submitTestId="agent-create-submit"
        />
      </form>
    </Dialog>
  );
}
