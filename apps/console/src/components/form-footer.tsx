import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../lib/cn.js';
import { InlineError } from './error-state.js';
import { Button } from './ui/button.js';

/**
 * The end of a form in a dialog: why sending failed (pass null when the fields already show it), then cancel and
 * the submit button, which spins while `busy`.
 */
export function FormFooter({
  error,
  busy,
  onCancel,
  submitLabel,
  submitTestId,
  className,
}: {
  error: unknown;
  busy: boolean;
  onCancel: () => void;
  submitLabel: ReactNode;
  submitTestId: string;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <InlineError error={error} />
      <div className={cn('flex justify-end gap-2', className)}>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={busy} data-testid={submitTestId}>
          {submitLabel}
        </Button>
      </div>
    </>
  );
}
