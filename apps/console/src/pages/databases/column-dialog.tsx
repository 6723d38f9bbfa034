import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COLUMN_TYPES, type ColumnType, type DatabaseColumn } from '../../api/database-types.js';
import { FormFooter } from '../../components/form-footer.js';
import { Dialog } from '../../components/ui/dialog.js';
import { Field, Input } from '../../components/ui/input.js';
import { Select } from '../../components/ui/select.js';
import { useSubmit } from '../../lib/use-submit.js';
import { columnProblems, columnValues, NEW_COLUMN, type ColumnValues } from './column-model.js';

/** Adds a column, or changes one (`column`); `onSave` sends it and throws what the service refused. */
export function ColumnDialog({
  column,
  onClose,
  onSave,
}: {
  column: DatabaseColumn | null;
  onClose: () => void;
  onSave: (values: ColumnValues, before: ColumnValues) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [before] = useState<ColumnValues>(() => (column === null ? NEW_COLUMN : columnValues(column)));
  const [values, setValues] = useState<ColumnValues>(before);
  const [attempted, setAttempted] = useState(false);
  const saving = useSubmit();
  const problems = attempted ? columnProblems(values) : {};
  const change = (next: Partial<ColumnValues>) => setValues((current) => ({ ...current, ...next }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    if (Object.keys(columnProblems(values)).length > 0) return;
    await saving.run(async () => {
      await onSave(values, before);
      onClose();
    });
  }

  const check = (label: string, field: 'required' | 'unique', testId: string) => (
    <label className="flex items-center gap-2 text-sm text-slate-800">
      <input
        type="checkbox"
        className="size-4 rounded border-slate-300"
        checked={values[field]}
        onChange={(event) => change({ [field]: event.target.checked })}
        data-testid={testId}
      />
      {label}
    </label>
  );

  return (
    <Dialog
      open
      onClose={onClose}
      title={
        column === null
          ? t('databases.columns.addTitle')
          : t('databases.columns.editTitle', { name: column.name })
      }
    >
      <form
        onSubmit={(event) => void submit(event)}
        noValidate
        className="space-y-4"
        data-testid="table-column-form"
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('databases.columns.name')} error={problems.name && t(problems.name)}>
            {(control) => (
              <Input
                {...control}
                className="font-mono"
                value={values.name}
                onChange={(event) => change({ name: event.target.value })}
                data-testid="table-column-name"
              />
            )}
          </Field>
          <Field label={t('databases.columns.type')}>
            {(control) => (
              <Select
                {...control}
                value={values.type}
                onChange={(event) => change({ type: event.target.value as ColumnType })}
                data-testid="table-column-type"
              >
                {COLUMN_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`databases.types.${type}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <Field
          label={t('databases.columns.default')}
          hint={t('databases.columns.defaultHint')}
          error={problems.default && t(problems.default)}
        >
          {(control) => (
            <Input
              {...control}
              className="font-mono"
              value={values.default}
              onChange={(event) => change({ default: event.target.value })}
              data-testid="table-column-default"
            />
          )}
        </Field>
        <Field label={t('databases.columns.description')}>
          {(control) => (
            <Input
              {...control}
              value={values.description}
              onChange={(event) => change({ description: event.target.value })}
              data-testid="table-column-description"
            />
          )}
        </Field>
        <div className="flex flex-wrap gap-6">
          {check(t('databases.columns.required'), 'required', 'table-column-required')}
          {column === null && check(t('databases.columns.unique'), 'unique', 'table-column-unique')}
        </div>
        <FormFooter
          error={saving.error}
          busy={saving.busy}
          onCancel={onClose}
          submitLabel={t('common.save')}
          submitTestId="table-column-submit"
        />
      </form>
    </Dialog>
  );
}
