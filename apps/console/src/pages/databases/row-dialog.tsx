import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatabaseColumn, Row } from '../../api/database-types.js';
import { FormFooter } from '../../components/form-footer.js';
import { Dialog } from '../../components/ui/dialog.js';
import { Field, Input, Textarea } from '../../components/ui/input.js';
import { Select } from '../../components/ui/select.js';
import { useSubmit } from '../../lib/use-submit.js';
import { rowTexts, rowValues, writable } from './row-values.js';

/** A new row, or a change of `row`; `onSave` gets the values and throws what the service refused. */
export function RowDialog({
  columns,
  row,
  onClose,
  onSave,
}: {
  columns: DatabaseColumn[];
  row: Row | null;
  onClose: () => void;
  onSave: (values: Row) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [texts, setTexts] = useState<Record<string, string>>(() => rowTexts(columns, row));
  const [invalid, setInvalid] = useState<string[]>([]);
  const saving = useSubmit();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = rowValues(columns, texts, row === null);
    setInvalid(result.invalid);
    if (result.invalid.length > 0) return;
    await saving.run(async () => {
      await onSave(result.values);
      onClose();
    });
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={row === null ? t('databases.data.addTitle') : t('databases.data.editTitle')}
      size="lg"
    >
      <form
        onSubmit={(event) => void submit(event)}
        noValidate
        className="space-y-4"
        data-testid="data-row-form"
      >
        <div className="grid gap-4 sm:grid-cols-2">
          {writable(columns).map((column) => {
            const set = (value: string) => setTexts((current) => ({ ...current, [column.name]: value }));
            const common = {
              value: texts[column.name] ?? '',
              'data-testid': 'data-row-field',
              'data-name': column.name,
            };
            return (
              <Field
                key={column.name}
                label={
                  <span className="font-mono text-xs">
                    {column.name}
                    {column.required && <span className="text-red-600"> *</span>}
                    <span className="ml-1.5 font-sans text-slate-400">{column.type}</span>
                  </span>
                }
                hint={column.description ?? undefined}
                error={invalid.includes(column.name) ? t('databases.data.invalidValue') : undefined}
                className={column.type === 'json' ? 'sm:col-span-2' : undefined}
              >
                {(control) =>
                  column.type === 'boolean' ? (
                    <Select {...control} {...common} onChange={(event) => set(event.target.value)}>
                      <option value="">NULL</option>
                      <option value="true">true</option>
                      <option value="false">false</option>
                    </Select>
                  ) : column.type === 'json' ? (
                    <Textarea
                      {...control}
                      {...common}
                      rows={3}
                      className="font-mono text-xs"
                      onChange={(event) => set(event.target.value)}
                    />
                  ) : (
                    <Input {...control} {...common} onChange={(event) => set(event.target.value)} />
                  )
                }
              </Field>
            );
          })}
        </div>
        <FormFooter
          error={saving.error}
          busy={saving.busy}
          onCancel={onClose}
          submitLabel={t('common.save')}
          submitTestId="data-row-submit"
        />
      </form>
    </Dialog>
  );
}
