import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { ModelKind, Provider, ProviderDefaults } from '../../api/types.js';
import { Card, CardHeader } from '../../components/ui/card.js';
import { Field } from '../../components/ui/input.js';
import { Select } from '../../components/ui/select.js';
import { useToast } from '../../components/ui/toast.js';
import { errorMessage } from '../../lib/errors.js';

type DefaultField = 'chatModel' | 'embeddingModel';

function options(providers: Provider[], kind: ModelKind) {
  return providers.flatMap((provider) =>
    provider.models
      .filter((model) => model.kind === kind)
      .map((model) => ({ value: `${provider.id}/${model.id}`, label: `${provider.name} / ${model.id}` })),
  );
}

/** The space's default chat and embedding models, used when an agent or knowledge base names none. */
export function DefaultsCard({
  providers,
  defaults,
  manage,
}: {
  providers: Provider[];
  defaults: ProviderDefaults;
  manage: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [saving, setSaving] = useState<DefaultField | null>(null);

  async function save(field: DefaultField, value: string) {
    setSaving(field);
    try {
      const next = await api.providers.setDefaults({ [field]: value === '' ? null : value });
      queryClient.setQueryData(
        keys.providers,
        (current: { items: Provider[]; defaults: ProviderDefaults } | undefined) =>
          current === undefined ? current : { ...current, defaults: next },
      );
      toast.success(t('providers.defaultsSaved'));
    } catch (error) {
      toast.error(errorMessage(error, t));
    } finally {
      setSaving(null);
    }
  }

  const fields: { field: DefaultField; kind: ModelKind; label: string; testId: string }[] = [
    { field: 'chatModel', kind: 'chat', label: t('providers.defaultChat'), testId: 'default-chat-model' },
    {
      field: 'embeddingModel',
      kind: 'embedding',
      label: t('providers.defaultEmbedding'),
      testId: 'default-embedding-model',
    },
  ];

  return (
    <Card className="mb-6">
      <CardHeader title={t('providers.defaultsTitle')} description={t('providers.defaultsDescription')} />
      <div className="grid gap-4 px-5 py-4 sm:grid-cols-2">
        {fields.map(({ field, kind, label, testId }) => {
          const choices = options(providers, kind);
          const current = defaults[field];
          const known = current === null || choices.some((choice) => choice.value === current);
          return (
            <Field
              key={field}
              label={label}
              hint={
                choices.length === 0
                  ? t('providers.noModelsOfKind', { kind: t(`modelKinds.${kind}`) })
                  : undefined
              }
            >
              {(control) => (
                <Select
                  {...control}
                  value={current ?? ''}
                  disabled={!manage || saving !== null}
                  onChange={(event) => void save(field, event.target.value)}
                  data-testid={testId}
                >
                  <option value="">{t('providers.noDefault')}</option>
                  {!known && current !== null && <option value={current}>{current}</option>}
                  {choices.map((choice) => (
                    <option key={choice.value} value={choice.value}>
                      {choice.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          );
        })}
      </div>
    </Card>
  );
}
