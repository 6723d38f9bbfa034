import { CircleAlert, RotateCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors.js';
import { Button } from './ui/button.js';

/** A failed load: what the server said, and a way to try again. */
export function ErrorState({
  error,
  onRetry,
  compact = false,
}: {
  error: unknown;
  onRetry?: () => void;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div
      role="alert"
      data-testid="error-state"
      className={
        compact ? 'flex items-center gap-3 p-4' : 'flex flex-col items-center px-6 py-12 text-center'
      }
    >
      <div className="flex size-10 shrink-0 items-center justify-center rounded-full bg-red-50 text-red-600">
        <CircleAlert className="size-5" aria-hidden />
      </div>
      <div className={compact ? 'min-w-0 flex-1' : 'mt-3'}>
        <p className="text-sm font-semibold text-slate-900">{t('common.loadFailed')}</p>
        <p className="mt-1 text-sm text-slate-500">{errorMessage(error, t)}</p>
      </div>
      {onRetry !== undefined && (
        <Button
          variant="secondary"
          size="sm"
          className={compact ? '' : 'mt-4'}
          onClick={onRetry}
          data-testid="retry"
        >
          <RotateCw className="size-3.5" aria-hidden />
          {t('common.retry')}
        </Button>
      )}
    </div>
  );
}

/** A failed action inside a form or dialog. */
export function InlineError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  return (
    <div
      role="alert"
      data-testid="form-error"
      className="flex items-start gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
    >
      <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
      <span>{errorMessage(error, t)}</span>
    </div>
  );
}
