import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { Provider, ProviderDefaults } from '../../api/types.js';
import { InlineError } from '../../components/error-state.js';
import { FormFooter } from '../../components/form-footer.js';
import { Dialog } from '../../components/ui/dialog.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { useSubmit } from '../../lib/use-submit.js';
import { KnowledgeFields } from './knowledge-fields.js';
import { embeddingModelOptions, emptyValues, toBaseInput } from './knowledge-form-model.js';
import { useKnowledgeForm } from './use-knowledge-form.js';

function CreateForm({ providers, defaults, onClose }: { providers: Provider[]; defaults: ProviderDefaults; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const models = embeddingModelOptions(providers);
  // The space's default embedding model is chosen for you; without one, the first the space has.
  const preselected = models.find((option) => option.value === defaults.embeddingModel) ?? models[0];
  const creation = useSubmit();
  const form = useKnowledgeForm(() => emptyValues(preselected?.value ?? ''), true, creation.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.attempt()) return;
    await creation.run(async () => {
      const base = await api.knowledge.create(toBaseInput(form.values, true));
      queryClient.setQueryData(keys.knowledgeBase(base.id), base);
      await queryClient.invalidateQueries({ queryKey: keys.knowledgeBases, exact: true });
      onClose();
      await navigate({ to: '/knowledge/$kbId', params: { kbId: base.id } });
    });
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-5" noValidate data-testid="kb-create-form">
      <KnowledgeFields values={form.values} models={models} modelLocked={false} problem={form.problem} onChange={form.change} />
      <FormFooter
        error={form.onFields ? null : creation.error}
        busy={creation.busy}
        onCancel={onClose}
        submitLabel={t('knowledge.createSubmit')}
        submitTestId="kb-create-submit"
      />
    </form>
  );
}

/** A new knowledge base: a name, the embedding model its vectors come from, how documents are cut and searched. */
export function CreateKnowledgeDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const providers = useQuery({ queryKey: keys.providers, queryFn: () => api.providers.list(), enabled: open });
  return (
    <Dialog open={open} onClose={onClose} title={t('knowledge.createTitle')} description={t('knowledge.createDescription')} size="lg">
      {providers.isPending && <SkeletonRows rows={3} label={t('common.loading')} />}
      {providers.isError && <InlineError error={providers.error} />}
      {providers.data !== undefined && <CreateForm providers={providers.data.items} defaults={providers.data.defaults} onClose={onClose} />}
    </Dialog>
  );
}
