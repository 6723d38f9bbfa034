import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { InlineError } from './error-state.js';
import { Button } from './ui/button.js';
import { Dialog } from './ui/dialog.js';
import { Field, Input } from './ui/input.js';

/**
 * Asks before a destructive action. With `typedConfirmation`, the button stays disabled until that text is typed.
 * `onConfirm` runs the action; the dialog shows its error and stays open when it fails.
 */
export function ConfirmDialog({
  open,
  onClose,
  title,
  body,
  confirmLabel,
  typedConfirmation,
  onConfirm,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  body: ReactNode;
  confirmLabel: string;
  typedConfirmation?: string;
  onConfirm: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const allowed = typedConfirmation === undefined || typed === typedConfirmation;

  function close() {
    setTyped('');
    setError(null);
    onClose();
  }

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      close();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={title}
      size="sm"
      data-testid="confirm-dialog"
      footer={
        <>
          <Button
            variant="secondary"
            onClick={close}
            data-autofocus={typedConfirmation === undefined ? true : undefined}
          >
            {t('common.cancel')}
          </Button>
          <Button
            variant="destructive"
            loading={busy}
            disabled={!allowed}
            onClick={() => void confirm()}
            data-testid="confirm-submit"
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="space-y-4 text-sm text-slate-600">
        <div>{body}</div>
        {typedConfirmation !== undefined && (
          <Field label={t('common.typeToConfirm', { text: typedConfirmation })}>
            {(control) => (
              <Input
                {...control}
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
                autoComplete="off"
                data-testid="confirm-input"
              />
            )}
          </Field>
        )}
        <InlineError error={error} />
      </div>
    </Dialog>
  );
}
