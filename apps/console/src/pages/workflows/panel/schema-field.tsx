import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Input, Textarea } from '../../../components/ui/input.js';
import { Select } from '../../../components/ui/select.js';
import { isRecord } from '../editor/draft.js';
import { fieldPath } from '../editor/problems.js';
import type { JsonSchema } from '../editor/schema-defaults.js';
import { fieldLabel } from '../labels.js';
import type { FieldContext } from './field-context.js';
import { FieldShell } from './field-shell.js';
import { JsonField } from './json-field.js';
import { ListField } from './list-field.js';
import { fieldKind } from './schema-form-model.js';

export interface SchemaFieldProps {
  name: string;
  schema: JsonSchema;
  value: unknown;
  /** Where the value lives in the node's data: `['nodeParam', 'cases', 0, 'level']`. */
  path: (string | number)[];
  onChange: (value: unknown) => void;
  context: FieldContext;
  label?: ReactNode;
}

/** The fields of an object, one per property of its schema. */
export function ObjectFields({
  properties,
  value,
  path,
  onChange,
  context,
}: {
  properties: [string, JsonSchema][];
  value: unknown;
  path: (string | number)[];
  onChange: (value: Record<string, unknown>) => void;
  context: FieldContext;
}) {
  const record = isRecord(value) ? value : {};
  return (
    <div className="space-y-3">
      {properties.map(([key, schema]) => (
        <SchemaField
          key={key}
          name={key}
          schema={schema}
          value={record[key]}
          path={[...path, key]}
          context={context}
          onChange={(next) => {
            const copy = { ...record };
            if (next === undefined) delete copy[key];
            else copy[key] = next;
            onChange(copy);
          }}
        />
      ))}
    </div>
  );
}

/** One nodeParam field, its control chosen from its JSON Schema; what the form cannot show is edited as JSON. */
export function SchemaField({ name, schema, value, path, onChange, context, label }: SchemaFieldProps) {
  const { t } = useTranslation();
  const kind = fieldKind(name, schema, context.nodeType);
  const where = fieldPath(path);
  const disabled = !context.editable;
  const shellLabel = label ?? fieldLabel(t, name);
  const description = typeof schema.description === 'string' ? schema.description : undefined;

  if (kind.kind === 'object') {
    return (
      <fieldset className="space-y-2 rounded-md border border-slate-200 p-3" data-testid="param-field" data-path={where}>
        <legend className="px-1 text-xs font-medium text-slate-700">{shellLabel}</legend>
        <ObjectFields properties={kind.properties} value={value} path={path} onChange={onChange} context={context} />
      </fieldset>
    );
  }
  if (kind.kind === 'list') {
    return <ListField name={name} label={shellLabel} item={kind.item} value={value} path={path} onChange={onChange} context={context} />;
  }

  return (
    <FieldShell label={shellLabel} path={where} problems={context.problems} hint={description} inline={kind.kind === 'boolean'}>
      {(control) => {
        switch (kind.kind) {
          case 'select':
            return (
              <Select
                {...control}
                value={typeof value === 'string' || typeof value === 'number' ? String(value) : ''}
                disabled={disabled}
                onChange={(event) => {
                  const picked = kind.options.find((option) => String(option) === event.target.value);
                  onChange(picked);
                }}
              >
                {value === undefined && <option value="">{t('workflows.panel.choose')}</option>}
                {kind.options.map((option) => (
                  <option key={String(option)} value={String(option)}>
                    {String(option)}
                  </option>
                ))}
              </Select>
            );
          case 'text': {
            const Control = kind.multiline ? Textarea : Input;
            return (
              <Control
                {...control}
                value={typeof value === 'string' ? value : ''}
                disabled={disabled}
                spellCheck={!/code|sql/i.test(name)}
                className={/code|sql/i.test(name) ? 'font-mono text-xs' : undefined}
                onChange={(event) => onChange(event.target.value)}
              />
            );
          }
          case 'number':
            return (
              <Input
                {...control}
                type="number"
                step={kind.integer ? 1 : 'any'}
                min={kind.min}
                max={kind.max}
                value={typeof value === 'number' ? value : ''}
                disabled={disabled}
                onChange={(event) => {
                  const text = event.target.value;
                  const number = Number(text);
                  onChange(text === '' || Number.isNaN(number) ? undefined : number);
                }}
              />
            );
          case 'boolean':
            return (
              <input
                {...control}
                type="checkbox"
                className="size-4 rounded border-slate-300 text-indigo-600"
                checked={value === true}
                disabled={disabled}
                onChange={(event) => onChange(event.target.checked)}
              />
            );
          case 'strings':
            return (
              <Textarea
                {...control}
                rows={3}
                value={Array.isArray(value) ? value.filter((item) => typeof item === 'string').join('\n') : ''}
                disabled={disabled}
                placeholder={t('workflows.panel.onePerLine')}
                onChange={(event) => onChange(event.target.value.split('\n').filter((line) => line.trim() !== ''))}
              />
            );
          case 'model':
            return <ModelSelect control={control} value={value} onChange={onChange} context={context} />;
          case 'input-id':
          case 'input-name':
            return (
              <Select {...control} value={typeof value === 'string' ? value : ''} disabled={disabled} onChange={(event) => onChange(event.target.value)}>
                <option value="">{t('workflows.panel.chooseInput')}</option>
                {context.inputs.map((input) => (
                  <option key={input.id} value={kind.kind === 'input-id' ? input.id : input.name}>
                    {input.name || input.id}
                  </option>
                ))}
              </Select>
            );
          case 'readonly':
            return (
              <code id={control.id} className="block truncate text-xs text-slate-500">
                {typeof value === 'string' ? value : JSON.stringify(value)}
              </code>
            );
          case 'json':
            return <JsonField id={control.id} value={value} onChange={onChange} disabled={disabled} invalid={control['aria-invalid']} />;
        }
      }}
    </FieldShell>
  );
}

function ModelSelect({
  control,
  value,
  onChange,
  context,
}: {
  control: { id: string; 'aria-invalid': true | undefined };
  value: unknown;
  onChange: (value: unknown) => void;
  context: FieldContext;
}) {
  const { t } = useTranslation();
  const current = typeof value === 'string' ? value : '';
  const known = context.models.some((model) => model.value === current);
  return (
    <Select {...control} value={current} disabled={!context.editable} onChange={(event) => onChange(event.target.value)} data-testid="model-select">
      <option value="">{t('workflows.panel.chooseModel')}</option>
      {current !== '' && !known && <option value={current}>{t('workflows.panel.modelMissing', { model: current })}</option>}
      {context.models.map((model) => (
        <option key={model.value} value={model.value}>
          {model.label}
        </option>
      ))}
    </Select>
  );
}
