import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, usePermissions } from '../../api/queries.js';
import type { KnowledgeBase } from '../../api/types.js';
import { InlineError } from '../../components/error-state.js';
import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { useToast } from '../../components/ui/toast.js';
import { useSubmit } from '../../lib/use-submit.js';
import { KnowledgeFields } from './knowledge-fields.js';
import { embeddingModelOptions, toBaseInput, valuesOf } from './knowledge-form-model.js';
import { useKnowledgeForm } from './use-knowledge-form.js';

/**
 * A base's name, description, chunking (for documents added from now on; re-ingest applies it to older ones) and
 * retrieval defaults. The embedding model is fixed once anything is embedded: vectors of two models do not compare.
 */
export function SettingsTab({ base, editable }: { base: KnowledgeBase; editable: boolean }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const queryClient = useQueryClient();
  const toast = useToast();
  const providers = useQuery({ queryKey: keys.providers, queryFn: () => api.providers.list(), enabled: can('providers.view') });
  const saving = useSubmit();
  const form = useKnowledgeForm(() => valuesOf(base), base.backend === 'builtin', saving.error);
  const modelLocked = base.backend !== 'builtin' || base.chunkCount > 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.attempt()) return;
    await saving.run(async () => {
      const changesModel = !modelLocked && form.values.embeddingModel !== base.embeddingModel;
      const updated = await api.knowledge.update(base.id, toBaseInput(form.values, changesModel));
      queryClient.setQueryData(keys.knowledgeBase(base.id), updated);
      await queryClient.invalidateQueries({ queryKey: keys.knowledgeBases, exact: true });
      toast.success(t('knowledge.settingsTab.saved'));
    });
  }

  return (
    <Card className="max-w-3xl">
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="kb-settings-form">
        <fieldset disabled={!editable} className="min-w-0 px-5 py-5">
          <KnowledgeFields
            values={form.values}
            models={embeddingModelOptions(providers.data?.items ?? [])}
            modelLocked={modelLocked}
            problem={form.problem}
            onChange={form.change}
          />
        </fieldset>
        {editable && (
          <div className="flex flex-wrap items-center justify-end gap-3 rounded-b-lg border-t border-slate-100 bg-slate-50/70 px-5 py-3">
            <div className="min-w-0 flex-1">{!form.onFields && <InlineError error={saving.error} />}</div>
            <Button type="submit" loading={saving.busy} data-testid="kb-settings-save">
              {t('common.save')}
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}
