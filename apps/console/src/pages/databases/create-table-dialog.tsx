import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import type { Database } from '../../api/database-types.js';
import { keys } from '../../api/queries.js';
import { FormFooter } from '../../components/form-footer.js';
import { Dialog } from '../../components/ui/dialog.js';
import { Field, Input } from '../../components/ui/input.js';
import { fieldError, serverFieldErrors } from '../../lib/errors.js';
import { useSubmit } from '../../lib/use-submit.js';

/** A new table on development: the platform adds id, created_at and updated_at (and uid when user scoped). */
export function CreateTableDialog({
  database,
  onClose,
  onCreated,
}: {
  database: Database;
  onClose: () => void;
  onCreated: (name: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [userScoped, setUserScoped] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const creation = useSubmit();
  const server = serverFieldErrors(creation.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    if (name.trim() === '') return;
    await creation.run(async () => {
      const table = await api.databases.createTable(database.id, {
        name: name.trim(),
        description: description.trim() === '' ? null : description.trim(),
        userScoped,
        columns: [],
      });
      await queryClient.invalidateQueries({ queryKey: keys.databaseTables(database.id) });
      onCreated(table.name);
      onClose();
    });
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('databases.tables.createTitle')}
      description={t('databases.tables.createDescription')}
    >
      <form
        onSubmit={(event) => void submit(event)}
        noValidate
        className="space-y-4"
        data-testid="table-create-form"
      >
        <Field
          label={t('databases.tables.name')}
          error={attempted && name.trim() === '' ? t('validation.required') : fieldError(server, 'name')}
        >
          {(control) => (
            <Input
              {...control}
              className="font-mono"
              value={name}
              onChange={(event) => setName(event.target.value)}
              data-testid="table-create-name"
            />
          )}
        </Field>
        <Field label={t('databases.tables.description')}>
          {(control) => (
            <Input
              {...control}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
              data-testid="table-create-description"
            />
          )}
        </Field>
        <label className="flex items-start gap-2.5 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4 rounded border-slate-300"
            checked={userScoped}
            onChange={(event) => setUserScoped(event.target.checked)}
            data-testid="table-create-user-scoped"
          />
          <span>
            <span className="font-medium text-slate-800">{t('databases.tables.userScoped')}</span>
            <span className="block text-xs text-slate-500">{t('databases.tables.userScopedHint')}</span>
          </span>
        </label>
        <FormFooter
          error={Object.keys(server).length > 0 ? null : creation.error}
          busy={creation.busy}
          onCancel={onClose}
          submitLabel={t('databases.tables.createSubmit')}
          submitTestId="table-create-submit"
        />
      </form>
    </Dialog>
  );
}
