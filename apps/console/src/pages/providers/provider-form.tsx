import { Eye, EyeOff, Plus, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelKind, Provider, ProviderInput } from '../../api/types.js';
import { FormFooter } from '../../components/form-footer.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { Field, Input } from '../../components/ui/input.js';
import { Select } from '../../components/ui/select.js';
import { fieldError, serverFieldErrors } from '../../lib/errors.js';
import {
  headersChanged,
  initialValues,
  toProviderInput,
  validateProviderForm,
  type ProviderFormErrors,
  type ProviderFormValues,
} from './provider-form-model.js';
import { useChecks } from '../../lib/use-checks.js';
import { useSubmit } from '../../lib/use-submit.js';

const KINDS: ModelKind[] = ['chat', 'embedding', 'other'];

/** Create or edit a model provider. `onSubmit` sends the body; its failure is shown here (field errors on fields). */
export function ProviderForm({
  provider,
  onSubmit,
  onCancel,
}: {
  provider: Provider | null;
  onSubmit: (input: ProviderInput) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<ProviderFormValues>(() => initialValues(provider));
  const checks = useChecks(values, (current: ProviderFormValues): ProviderFormErrors =>
    validateProviderForm(current, provider),
  );
  const invalid = checks.errors;
  // On success the page closes this form: the button stays busy until it has.
  const saving = useSubmit({ busyAfterSuccess: true });
  const [showKey, setShowKey] = useState(false);
  const server = serverFieldErrors(saving.error);
  const errorOf = (field: string) =>
    invalid[field] !== undefined ? t(invalid[field]) : fieldError(server, field);
  const update = (patch: Partial<ProviderFormValues>) => setValues((current) => ({ ...current, ...patch }));
  const editingHeaders =
    provider !== null && provider.headerNames.length > 0 && !headersChanged(values, provider);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!checks.attempt()) return;
    await saving.run(() => onSubmit(toProviderInput(values, provider)));
  }

  return (
    <form
      onSubmit={(event) => void submit(event)}
      noValidate
      className="space-y-6"
      data-testid="provider-form"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('providers.name')} error={errorOf('name')}>
          {(control) => (
            <Input
              {...control}
              value={values.name}
              onChange={(event) => update({ name: event.target.value })}
              placeholder="OpenAI"
              data-testid="provider-name"
            />
          )}
        </Field>
        <Field label={t('providers.baseUrl')} error={errorOf('baseUrl')} hint={t('providers.baseUrlHint')}>
          {(control) => (
            <Input
              {...control}
              value={values.baseUrl}
              onChange={(event) => update({ baseUrl: event.target.value })}
              placeholder="https://api.openai.com/v1"
              inputMode="url"
              data-testid="provider-base-url"
            />
          )}
        </Field>
      </div>

      <Field
        label={t('providers.apiKey')}
        error={errorOf('apiKey')}
        hint={
          provider === null
            ? t('providers.apiKeyHintNew')
            : provider.hasApiKey
              ? t('providers.apiKeyHintKeep')
              : t('providers.apiKeyHintNone')
        }
      >
        {(control) => (
          <div className="flex gap-2">
            <Input
              {...control}
              type={showKey ? 'text' : 'password'}
              autoComplete="off"
              value={values.apiKey}
              disabled={values.clearApiKey}
              onChange={(event) => update({ apiKey: event.target.value })}
              placeholder={provider?.hasApiKey === true ? t('providers.apiKeyPlaceholderKeep') : 'sk-…'}
              data-testid="provider-api-key"
            />
            <Button
              variant="secondary"
              size="icon"
              className="size-9"
              onClick={() => setShowKey(!showKey)}
              aria-label={showKey ? t('providers.hideKey') : t('providers.showKey')}
            >
              {showKey ? <EyeOff className="size-4" aria-hidden /> : <Eye className="size-4" aria-hidden />}
            </Button>
          </div>
        )}
      </Field>
      {provider?.hasApiKey === true && (
        <label className="-mt-3 flex items-center gap-2 text-sm text-slate-600">
          <input
            type="checkbox"
            className="size-4 rounded border-slate-300 text-indigo-600"
            checked={values.clearApiKey}
            onChange={(event) => update({ clearApiKey: event.target.checked, apiKey: '' })}
            data-testid="provider-clear-key"
          />
          {t('providers.clearKey')}
        </label>
      )}

      <section aria-labelledby="provider-headers" className="space-y-2">
        <div className="flex items-center justify-between">
          <h3 id="provider-headers" className="text-sm font-medium text-slate-800">
            {t('providers.headers')}
          </h3>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => update({ headers: [...values.headers, { name: '', value: '' }] })}
            data-testid="provider-header-add"
          >
            <Plus className="size-3.5" aria-hidden />
            {t('providers.addHeader')}
          </Button>
        </div>
        <p className="text-xs text-slate-500">
          {editingHeaders ? t('providers.headersStoredHint') : t('providers.headersHint')}
        </p>
        {values.headers.map((row, index) => (
          <div key={index} className="flex items-start gap-2" data-testid="provider-header-row">
            <div className="flex-1">
              <Input
                aria-label={t('providers.headerName')}
                aria-invalid={errorOf(`headers.${index}.name`) !== undefined || undefined}
                value={row.name}
                placeholder="X-Api-Version"
                onChange={(event) =>
                  update({
                    headers: values.headers.map((item, at) =>
                      at === index ? { ...item, name: event.target.value } : item,
                    ),
                  })
                }
                data-testid="provider-header-name"
              />
              {errorOf(`headers.${index}.name`) !== undefined && (
                <p className="mt-1 text-xs text-red-600">{errorOf(`headers.${index}.name`)}</p>
              )}
            </div>
            <div className="flex-1">
              <Input
                aria-label={t('providers.headerValue')}
                aria-invalid={errorOf(`headers.${index}.value`) !== undefined || undefined}
                type="password"
                autoComplete="off"
                value={row.value}
                placeholder={editingHeaders ? t('providers.headerValueStored') : ''}
                onChange={(event) =>
                  update({
                    headers: values.headers.map((item, at) =>
                      at === index ? { ...item, value: event.target.value } : item,
                    ),
                  })
                }
                data-testid="provider-header-value"
              />
              {errorOf(`headers.${index}.value`) !== undefined && (
                <p className="mt-1 text-xs text-red-600">{errorOf(`headers.${index}.value`)}</p>
              )}
            </div>
            <Button
              variant="ghost"
              size="icon"
              className="size-9"
              aria-label={t('providers.removeHeader')}
              onClick={() => update({ headers: values.headers.filter((_, at) => at !== index) })}
            >
              <Trash2 className="size-4" aria-hidden />
            </Button>
          </div>
        ))}
        {fieldError(server, 'headers') !== undefined && (
          <p className="text-xs text-red-600">{fieldError(server, 'headers')}</p>
        )}
      </section>

      <section aria-labelledby="provider-models" className="space-y-2">
        <div className="flex items-center justify-between">
          <h3 id="provider-models" className="text-sm font-medium text-slate-800">
            {t('providers.models')}
          </h3>
          <Button
            variant="ghost"
            size="sm"
            onClick={() =>
              update({ models: [...values.models, { id: '', kind: 'chat', source: 'entered' }] })
            }
            data-testid="provider-model-add"
          >
            <Plus className="size-3.5" aria-hidden />
            {t('providers.addModel')}
          </Button>
        </div>
        <p className="text-xs text-slate-500">{t('providers.modelsHint')}</p>
        <div className="max-h-64 space-y-2 overflow-y-auto">
          {values.models.map((row, index) => (
            <div key={index} className="flex items-start gap-2" data-testid="provider-model-row">
              <div className="flex-1">
                {row.source === 'fetched' ? (
                  <div className="flex h-9 items-center gap-2 rounded-md bg-slate-50 px-3 text-sm text-slate-700 ring-1 ring-inset ring-slate-200">
                    <span className="truncate font-mono text-xs">{row.id}</span>
                    <Badge className="ml-auto">{t('providers.fetched')}</Badge>
                  </div>
                ) : (
                  <Input
                    aria-label={t('providers.modelId')}
                    aria-invalid={errorOf(`models.${index}.id`) !== undefined || undefined}
                    value={row.id}
                    placeholder="gpt-4o-mini"
                    onChange={(event) =>
                      update({
                        models: values.models.map((item, at) =>
                          at === index ? { ...item, id: event.target.value } : item,
                        ),
                      })
                    }
                    data-testid="provider-model-id"
                  />
                )}
                {errorOf(`models.${index}.id`) !== undefined && (
                  <p className="mt-1 text-xs text-red-600">{errorOf(`models.${index}.id`)}</p>
                )}
              </div>
              <Select
                aria-label={t('providers.modelKind')}
                className="w-36"
                value={row.kind}
                onChange={(event) =>
                  update({
                    models: values.models.map((item, at) =>
                      at === index ? { ...item, kind: event.target.value as ModelKind } : item,
                    ),
                  })
                }
                data-testid="provider-model-kind"
              >
                {KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`modelKinds.${kind}`)}
                  </option>
                ))}
              </Select>
              <Button
                variant="ghost"
                size="icon"
                className="size-9"
                aria-label={t('providers.removeModel')}
                onClick={() => update({ models: values.models.filter((_, at) => at !== index) })}
              >
                <Trash2 className="size-4" aria-hidden />
              </Button>
            </div>
          ))}
        </div>
      </section>

      <FormFooter
        error={saving.error}
        busy={saving.busy}
        onCancel={onCancel}
        submitLabel={provider === null ? t('providers.create') : t('common.save')}
        submitTestId="provider-submit"
        className="border-t border-slate-100 pt-4"
      />
    </form>
  );
}
