import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/index.js';
import { FormFooter } from '../components/form-footer.js';
import { Dialog } from '../components/ui/dialog.js';
import { Field, Input } from '../components/ui/input.js';
import { fieldError, serverFieldErrors } from '../lib/errors.js';
import { check, required } from '../lib/validation.js';
import { useChecks } from '../lib/use-checks.js';
import { useSubmit } from '../lib/use-submit.js';

export function CreateSpaceDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (name: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const checks = useChecks(name, (value: string) => ({ name: check(value, required) }));
  const invalid = checks.errors.name;
  const creation = useSubmit();

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
      const created = await api.spaces.create({ name: name.trim() });
      setName('');
      await onCreated(created.name);
    });
  }

  const nameError = invalid === undefined ? fieldError(serverFieldErrors(creation.error), 'name') : t(invalid);
  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('spaces.createTitle')}
      description={t('spaces.createDescription')}
      size="sm"
    >
      <form
        onSubmit={(event) => void submit(event)}
        noValidate
        className="space-y-4"
        data-testid="space-create-form"
      >
        <Field label={t('spaces.name')} error={nameError}>
          {(control) => (
            <Input
              {...control}
              value={name}
              onChange={(event) => setName(event.target.value)}
              maxLength={80}
              placeholder={t('spaces.namePlaceholder')}
              data-testid="space-name-input"
            />
          )}
        </Field>
        <FormFooter error={creation.error} busy={creation.busy} onCancel={close} submitLabel={t('spaces.createSubmit')} submitTestId="space-create-submit" />
      </form>
    </Dialog>
  );
}
