import { useTranslation } from 'react-i18next';
import { Input } from '../../../components/ui/input.js';
import { Select } from '../../../components/ui/select.js';
import { JsonField } from './json-field.js';

/** A literal value typed for its declared type: text, a number, true or false, or JSON for objects and arrays. */
export function LiteralInput({
  type,
  value,
  onChange,
  disabled,
  invalid,
}: {
  type: string;
  value: unknown;
  onChange: (value: unknown) => void;
  disabled: boolean;
  invalid?: boolean;
}) {
  const { t } = useTranslation();
  if (type === 'boolean')
    return (
      <Select
        value={value === true ? 'true' : 'false'}
        disabled={disabled}
        aria-label={t('workflows.panel.value')}
        onChange={(event) => onChange(event.target.value === 'true')}
        data-testid="input-literal"
      >
        <option value="true">true</option>
        <option value="false">false</option>
      </Select>
    );
  if (type === 'number' || type === 'integer')
    return (
      <Input
        type="number"
        step={type === 'integer' ? 1 : 'any'}
        value={typeof value === 'number' ? value : ''}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        aria-label={t('workflows.panel.value')}
        onChange={(event) => onChange(event.target.value === '' ? '' : Number(event.target.value))}
        data-testid="input-literal"
      />
    );
  if (type === 'object' || type.startsWith('array'))
    return <JsonField value={value} onChange={onChange} disabled={disabled} testId="input-literal" />;
  return (
    <Input
      value={typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value)}
      disabled={disabled}
      aria-invalid={invalid || undefined}
      aria-label={t('workflows.panel.value')}
      onChange={(event) => onChange(event.target.value)}
      data-testid="input-literal"
    />
  );
}
