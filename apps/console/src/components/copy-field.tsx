import { Check, Copy } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './ui/button.js';

/** A read-only value with a copy button (secrets and links shown once). */
export function CopyField({
  value,
  label,
  testId,
  copyTestId,
}: {
  value: string;
  label: string;
  testId: string;
  copyTestId: string;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // No clipboard permission (plain http, old browser): select the text so Ctrl+C works.
      input.current?.select();
      document.execCommand('copy');
    }
    setCopied(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(false), 2000);
  }

  return (
    <div className="flex gap-2">
      <input
        ref={input}
        readOnly
        value={value}
        aria-label={label}
        data-testid={testId}
        onFocus={(event) => event.currentTarget.select()}
        className="h-9 min-w-0 flex-1 rounded-md border-0 bg-slate-50 px-3 font-mono text-xs text-slate-900 ring-1 ring-inset ring-slate-300 focus:outline-none focus:ring-2 focus:ring-indigo-600"
      />
      <Button variant="secondary" onClick={() => void copy()} data-testid={copyTestId} aria-live="polite">
        {copied ? (
          <Check className="size-4 text-emerald-600" aria-hidden />
        ) : (
          <Copy className="size-4" aria-hidden />
        )}
        {copied ? t('common.copied') : t('common.copy')}
      </Button>
    </div>
  );
}
