import { useQueryClient } from '@tanstack/react-query';
import { TriangleAlert } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { CreatedApiKey } from '../../api/types.js';
import { runtimeConfig } from '../../config.js';
import { CopyField } from '../../components/copy-field.js';
import { FormFooter } from '../../components/form-footer.js';
import { Button } from '../../components/ui/button.js';
import { Dialog } from '../../components/ui/dialog.js';
import { Field, Input } from '../../components/ui/input.js';
import { fieldError, serverFieldErrors } from '../../lib/errors.js';
import { check, required } from '../../lib/validation.js';
import { useChecks } from '../../lib/use-checks.js';
import { useSubmit } from '../../lib/use-submit.js';

/** Name a key, then see it once: the server keeps only its hash. */
export function CreateKeyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const checks = useChecks(name, (value: string) => ({ name: check(value, required) }));
  const invalid = checks.errors.name;
  const creation = useSubmit();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  function close() {
    setName('');
    checks.reset();
    creation.reset();
    setCreated(null);
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!checks.attempt()) return;
    await creation.run(async () => {
      setCreated(await api.apiKeys.create({ name: name.trim() }));
      await queryClient.invalidateQueries({ queryKey: keys.apiKeys });
    });
  }

  if (created !== null) {
    const origin = runtimeConfig().apiBaseUrl || window.location.origin;
    return (
      <Dialog
        open={open}
        onClose={close}
        title={t('apiKeys.createdTitle')}
        dismissible={false}
        size="lg"
        data-testid="apikey-created"
      >
        <div className="space-y-4">
          <div
            role="alert"
            className="flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2.5 text-sm text-amber-800"
          >
            <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>{t('apiKeys.onceWarning')}</span>
          </div>
          <CopyField
            value={created.key}
            label={t('apiKeys.keyLabel', { name: created.name })}
            testId="apikey-secret"
            copyTestId="apikey-copy"
          />
          <div>
            <p className="mb-1.5 text-xs font-medium text-slate-500">{t('apiKeys.tryIt')}</p>
            <pre className="overflow-x-auto rounded-md bg-slate-900 px-3 py-2.5 text-xs text-slate-100">
              {`curl ${origin}/v1/me \\\n  -H "Authorization: Bearer ${created.key}"`}
            </pre>
          </div>
          <div className="flex justify-end">
            <Button onClick={close} data-testid="apikey-done">
              {t('apiKeys.copiedDone')}
            </Button>
          </div>
        </div>
      </Dialog>
    );
  }

  const nameError = invalid === undefined ? fieldError(serverFieldErrors(creation.error), 'name') : t(invalid);
  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('apiKeys.createTitle')}
      description={t('apiKeys.createDescription')}
      size="sm"
    >
      <form
        onSubmit={(event) => void submit(event)}
        noValidate
        className="space-y-4"
        data-testid="apikey-form"
      >
        <Field label={t('apiKeys.name')} error={nameError} hint={t('apiKeys.nameHint')}>
          {(control) => (
            <Input
              {...control}
              value={name}
              onChange={(event) => setName(event.target.value)}
              maxLength={100}
              placeholder={t('apiKeys.namePlaceholder')}
              data-testid="apikey-name"
            />
          )}
        </Field>
        <FormFooter
          error={creation.error}
          busy={creation.busy}
          onCancel={close}
          submitLabel={t('apiKeys.createSubmit')}
          submitTestId="apikey-submit"
        />
      </form>
    </Dialog>
  );
}
