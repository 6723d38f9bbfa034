import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../lib/use-submit.js';
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
  const confirmation = useSubmit();
  const allowed = typedConfirmation === undefined || typed === typedConfirmation;

  function close() {
    setTyped('');
    confirmation.reset();
    onClose();
  }

  async function confirm() {
    await confirmation.run(async () => {
      await onConfirm();
      close();
    });
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
            loading={confirmation.busy}
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
        <InlineError error={confirmation.error} />
      </div>
    </Dialog>
  );
}
