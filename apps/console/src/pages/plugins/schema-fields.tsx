import { useTranslation } from 'react-i18next';
import { Field, Input, Textarea } from '../../components/ui/input.js';
import { Select } from '../../components/ui/select.js';
import type { InputField } from './schema-form-model.js';

/** A form drawn from an input schema: one control per property, typed as the schema says. */
export function SchemaFields({
  fields,
  values,
  errors,
  onChange,
}: {
  fields: InputField[];
  values: Record<string, string>;
  errors: Record<string, string>;
  onChange: (name: string, value: string) => void;
}) {
  const { t } = useTranslation();
  if (fields.length === 0) return <p className="text-sm text-slate-500">{t('plugins.test.noInputs')}</p>;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {fields.map((field) => (
        <Field
          key={field.name}
          label={
            <span className="font-mono text-xs">
              {field.name}
              {field.required && <span className="text-red-600"> *</span>}
              <span className="ml-1.5 font-sans text-slate-400">{field.kind}</span>
            </span>
          }
          hint={field.description === '' ? undefined : field.description}
          error={
            errors[field.name] === undefined
              ? undefined
              : t(`plugins.test.inputErrors.${errors[field.name] as 'required'}`)
          }
          className={field.kind === 'json' ? 'sm:col-span-2' : undefined}
        >
          {(control) =>
            field.kind === 'boolean' || field.kind === 'enum' ? (
              <Select
                {...control}
                value={values[field.name] ?? ''}
                onChange={(event) => onChange(field.name, event.target.value)}
                data-testid="toolset-test-input"
                data-name={field.name}
              >
                <option value="">—</option>
                {(field.kind === 'boolean' ? ['true', 'false'] : field.options).map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </Select>
            ) : field.kind === 'json' ? (
              <Textarea
                {...control}
                rows={3}
                className="font-mono text-xs"
                value={values[field.name] ?? ''}
                onChange={(event) => onChange(field.name, event.target.value)}
                data-testid="toolset-test-input"
                data-name={field.name}
              />
            ) : (
              <Input
                {...control}
                inputMode={field.kind === 'string' ? undefined : 'decimal'}
                value={values[field.name] ?? ''}
                onChange={(event) => onChange(field.name, event.target.value)}
                data-testid="toolset-test-input"
                data-name={field.name}
              />
            )
          }
        </Field>
      ))}
    </div>
  );
}
