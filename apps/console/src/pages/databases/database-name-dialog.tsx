import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { Database } from '../../api/database-types.js';
import { FormFooter } from '../../components/form-footer.js';
import { Dialog } from '../../components/ui/dialog.js';
import { Field, Input } from '../../components/ui/input.js';
import { fieldError, serverFieldErrors } from '../../lib/errors.js';
import { useSubmit } from '../../lib/use-submit.js';

/** A new database, or a copy of `source` (both copies with their rows); opens it when made. */
export function DatabaseNameDialog({
  source,
  open,
  onClose,
}: {
  source?: Database | undefined;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [attempted, setAttempted] = useState(false);
  const creation = useSubmit();
  const server = serverFieldErrors(creation.error);
  const nameProblem = !attempted
    ? undefined
    : name.trim() === ''
      ? t('validation.required')
      : name.trim().length > 64
        ? t('validation.tooLong')
        : undefined;
  const prefix = source === undefined ? 'database-create' : 'database-clone';

  function close() {
    setName('');
    setDescription('');
    setAttempted(false);
    creation.reset();
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    if (name.trim() === '' || name.trim().length > 64) return;
    await creation.run(async () => {
      const body = {
        name: name.trim(),
        ...(description.trim() === '' ? {} : { description: description.trim() }),
      };
      const created =
        source === undefined ? await api.databases.create(body) : await api.databases.clone(source.id, body);
      queryClient.setQueryData(keys.database(created.id), created);
      await queryClient.invalidateQueries({ queryKey: keys.databases, exact: true });
      close();
      await navigate({ to: '/databases/$databaseId', params: { databaseId: String(created.id) } });
    });
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={
        source === undefined ? t('databases.createTitle') : t('databases.cloneTitle', { name: source.name })
      }
      description={source === undefined ? t('databases.createDescription') : t('databases.cloneDescription')}
    >
      <form
        onSubmit={(event) => void submit(event)}
        noValidate
        className="space-y-4"
        data-testid={`${prefix}-form`}
      >
        <Field
          label={t('databases.name')}
          hint={t('databases.nameHint')}
          error={nameProblem ?? fieldError(server, 'name')}
        >
          {(control) => (
            <Input
              {...control}
              value={name}
              onChange={(event) => setName(event.target.value)}
              className="font-mono"
              data-testid={`${prefix}-name`}
            />
          )}
        </Field>
        <Field label={t('databases.descriptionLabel')} error={fieldError(server, 'description')}>
          {(control) => (
            <Input
              {...control}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
              data-testid={`${prefix}-description`}
            />
          )}
        </Field>
        <FormFooter
          error={Object.keys(server).length > 0 ? null : creation.error}
          busy={creation.busy}
          onCancel={close}
          submitLabel={source === undefined ? t('databases.createSubmit') : t('databases.cloneSubmit')}
          submitTestId={`${prefix}-submit`}
        />
      </form>
    </Dialog>
  );
}
