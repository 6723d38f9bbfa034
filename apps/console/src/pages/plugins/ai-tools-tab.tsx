import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, usePermissions } from '../../api/queries.js';
import { MODEL_SLOTS, type AiToolModels, type AiToolsState } from '../../api/plugin-types.js';
import type { Provider } from '../../api/types.js';
import { ErrorState, InlineError } from '../../components/error-state.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { Card, CardHeader } from '../../components/ui/card.js';
import { Field } from '../../components/ui/input.js';
import { Select } from '../../components/ui/select.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { useToast } from '../../components/ui/toast.js';
import { useSubmit } from '../../lib/use-submit.js';

/** Every model of the space's providers but embedding ones, as `<providerId>/<modelId>`. */
function modelOptions(providers: Provider[]) {
  return providers.flatMap((provider) =>
    provider.models
      .filter((model) => model.kind !== 'embedding')
      .map((model) => ({ value: `${provider.id}/${model.id}`, label: `${provider.name} / ${model.id}` })),
  );
}

function ModelsCard({
  state,
  providers,
  editable,
}: {
  state: AiToolsState;
  providers: Provider[];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [models, setModels] = useState<AiToolModels>(state.models);
  const saving = useSubmit();
  const options = modelOptions(providers);

  async function save() {
    await saving.run(async () => {
      queryClient.setQueryData(keys.aiTools, await api.plugins.aiTools.setModels(models));
      toast.success(t('plugins.aiTools.saved'));
    });
  }

  return (
    <Card>
      <CardHeader title={t('plugins.aiTools.models')} description={t('plugins.aiTools.modelsHint')} />
      <div className="grid gap-4 p-5 sm:grid-cols-2 lg:grid-cols-3">
        {MODEL_SLOTS.map((slot) => {
          const value = models[slot] ?? '';
          const known = value === '' || options.some((option) => option.value === value);
          return (
            <Field key={slot} label={t(`plugins.aiTools.slots.${slot}`)}>
              {(control) => (
                <Select
                  {...control}
                  disabled={!editable}
                  value={value}
                  onChange={(event) =>
                    setModels({ ...models, [slot]: event.target.value === '' ? null : event.target.value })
                  }
                  data-testid={`aitools-model-${slot}`}
                >
                  <option value="">
                    {slot === 'chat' ? t('plugins.aiTools.spaceDefault') : t('plugins.aiTools.notSet')}
                  </option>
                  {!known && <option value={value}>{t('agents.form.modelMissing', { model: value })}</option>}
                  {options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          );
        })}
      </div>
      {editable && (
        <div className="flex items-center justify-end gap-3 border-t border-slate-100 px-5 py-3">
          <div className="min-w-0 flex-1">
            <InlineError error={saving.error} />
          </div>
          <Button onClick={() => void save()} loading={saving.busy} data-testid="aitools-save">
            {t('common.save')}
          </Button>
        </div>
      )}
    </Card>
  );
}

/** The built-in AI tools: which models of the space's providers they use, and which are ready. */
export function AiToolsTab({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const state = useQuery({ queryKey: keys.aiTools, queryFn: () => api.plugins.aiTools.get() });
  const providers = useQuery({
    queryKey: keys.providers,
    queryFn: () => api.providers.list(),
    enabled: can('providers.view'),
  });
  if (state.isPending) return <SkeletonRows label={t('common.loading')} />;
  if (state.data === undefined)
    return <ErrorState error={state.error} onRetry={() => void state.refetch()} />;
  return (
    <div className="space-y-4">
      <ModelsCard
        key={JSON.stringify(state.data.models)}
        state={state.data}
        providers={providers.data?.items ?? []}
        editable={editable}
      />
      <Card className="divide-y divide-slate-100">
        {state.data.tools.map((tool) => (
          <div
            key={tool.name}
            className="flex flex-wrap items-start gap-3 px-5 py-3"
            data-testid="aitools-tool"
            data-tool={tool.name}
            data-available={String(tool.available)}
          >
            <div className="min-w-0 flex-1">
              <p className="text-sm font-medium text-slate-900">
                {tool.title} <code className="ml-1 text-xs font-normal text-slate-400">{tool.name}</code>
              </p>
              <p className="text-xs text-slate-500">{tool.description}</p>
              {!tool.available && (
                <p className="mt-1 text-xs text-amber-700" data-testid="aitools-missing">
                  {tool.message ?? tool.missingModels.map((missing) => missing.message).join(' ')}
                </p>
              )}
            </div>
            {tool.available ? (
              <Badge tone="success">{t('plugins.aiTools.available')}</Badge>
            ) : (
              <Badge tone="warning">{t('plugins.aiTools.unavailable')}</Badge>
            )}
          </div>
        ))}
      </Card>
    </div>
  );
}
