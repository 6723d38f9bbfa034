import { useTranslation } from 'react-i18next';
import { Field, Input, Textarea } from '../../../components/ui/input.js';
import type { RunField } from './run-inputs.js';

/** The run's parameters, one field per output of the start node, typed as declared. */
export function RunInputsForm({
  fields,
  values,
  errors,
  disabled,
  onChange,
}: {
  fields: RunField[];
  values: Record<string, string | boolean>;
  errors: Record<string, 'required' | 'json' | 'number'>;
  disabled: boolean;
  onChange: (name: string, value: string | boolean) => void;
}) {
  const { t } = useTranslation();
  if (fields.length === 0) return <p className="text-xs text-slate-500">{t('workflows.run.noInputs')}</p>;
  return (
    <div className="space-y-3" data-testid="run-inputs">
      {fields.map((field) => {
        const error = errors[field.name];
        const label = `${field.name}${field.required ? ' *' : ''} · ${field.type}`;
        if (field.type === 'boolean')
          return (
            <label key={field.name} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                className="size-4 rounded border-slate-300"
                checked={values[field.name] === true}
                disabled={disabled}
                onChange={(event) => onChange(field.name, event.target.checked)}
                data-testid="run-input"
                data-name={field.name}
              />
              {label}
            </label>
          );
        const long = field.type === 'object' || field.type.startsWith('array') || field.name === 'AGENT_USER_INPUT';
        const Control = long ? Textarea : Input;
        return (
          <Field key={field.name} label={label} hint={field.description || undefined} error={error === undefined ? undefined : t(`workflows.run.inputErrors.${error}`)}>
            {(control) => (
              <Control
                {...control}
                rows={long ? 2 : undefined}
                className={field.type === 'object' || field.type.startsWith('array') ? 'font-mono text-xs' : undefined}
                value={typeof values[field.name] === 'string' ? (values[field.name] as string) : ''}
                placeholder={field.type === 'object' || field.type.startsWith('array') ? t('workflows.run.jsonPlaceholder') : undefined}
                disabled={disabled}
                onChange={(event) => onChange(field.name, event.target.value)}
                data-testid="run-input"
                data-name={field.name}
              />
            )}
          </Field>
        );
      })}
    </div>
  );
}
