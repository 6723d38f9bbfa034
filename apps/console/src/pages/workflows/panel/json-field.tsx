import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Textarea } from '../../../components/ui/input.js';

/** Any value as JSON text, taken when it parses (on blur); the fallback for schemas the form has no control for. */
export function JsonField({
  id,
  value,
  onChange,
  disabled,
  invalid,
  testId = 'json-field',
}: {
  id?: string;
  value: unknown;
  onChange: (value: unknown) => void;
  disabled: boolean;
  invalid?: true | undefined;
  testId?: string;
}) {
  const { t } = useTranslation();
  const shown = value === undefined ? '' : JSON.stringify(value, null, 2);
  const [text, setText] = useState(shown);
  const [broken, setBroken] = useState(false);
  useEffect(() => {
    setText(shown);
    setBroken(false);
  }, [shown]);

  function commit() {
    if (text.trim() === '') {
      setBroken(false);
      if (value !== undefined) onChange(undefined);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      setBroken(false);
      if (JSON.stringify(parsed) !== JSON.stringify(value)) onChange(parsed);
    } catch {
      setBroken(true);
    }
  }

  return (
    <div className="space-y-1">
      <Textarea
        id={id}
        rows={Math.min(8, Math.max(2, text.split('\n').length))}
        className="font-mono text-xs"
        value={text}
        disabled={disabled}
        aria-invalid={invalid ?? (broken || undefined)}
        spellCheck={false}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        data-testid={testId}
      />
      {broken && <p className="text-[11px] text-red-600">{t('workflows.panel.invalidJson')}</p>}
    </div>
  );
}
