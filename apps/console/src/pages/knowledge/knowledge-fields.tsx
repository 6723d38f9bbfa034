import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, Input, Textarea } from '../../components/ui/input.js';
import { Select } from '../../components/ui/select.js';
import {
  CHUNK_MODES,
  RETRIEVAL_MODES,
  type KnowledgeFormField,
  type KnowledgeFormValues,
  type ModelOption,
} from './knowledge-form-model.js';

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-4">
      <legend className="mb-3 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</legend>
      {children}
    </fieldset>
  );
}

/**
 * A knowledge base's settings, shared by the create dialog and the settings tab. The embedding model can change
 * only while nothing is embedded (`modelLocked` says why not); `problem` gives a field's message.
 */
export function KnowledgeFields({
  values,
  models,
  modelLocked,
  problem,
  onChange,
}: {
  values: KnowledgeFormValues;
  models: ModelOption[];
  modelLocked: boolean;
  problem: (field: KnowledgeFormField) => string | undefined;
  onChange: (next: Partial<KnowledgeFormValues>) => void;
}) {
  const { t } = useTranslation();
  const modelKnown = values.embeddingModel === '' || models.some((option) => option.value === values.embeddingModel);
  const numberField = (field: 'maxTokens' | 'overlapTokens' | 'topK' | 'scoreThreshold', hint?: string) => (
    <Field label={t(`knowledge.form.${field}`)} hint={hint} error={problem(field)}>
      {(control) => (
        <Input
          {...control}
          inputMode={field === 'scoreThreshold' ? 'decimal' : 'numeric'}
          value={values[field]}
          onChange={(event) => onChange({ [field]: event.target.value })}
          data-testid={`kb-${field}`}
        />
      )}
    </Field>
  );

  return (
    <div className="space-y-6">
      <div className="space-y-4">
        <Field label={t('knowledge.form.name')} error={problem('name')}>
          {(control) => (
            <Input {...control} value={values.name} maxLength={100} onChange={(event) => onChange({ name: event.target.value })} data-testid="kb-name" />
          )}
        </Field>
        <Field label={t('knowledge.form.description')} error={problem('description')}>
          {(control) => (
            <Textarea
              {...control}
              rows={2}
              value={values.description}
              maxLength={2000}
              onChange={(event) => onChange({ description: event.target.value })}
              data-testid="kb-description"
            />
          )}
        </Field>
        <Field
          label={t('knowledge.form.embeddingModel')}
          error={problem('embeddingModel')}
          hint={
            modelLocked ? (
              t('knowledge.form.embeddingLocked')
            ) : models.length === 0 ? (
              <>
                {t('knowledge.form.noEmbeddingModels')}{' '}
                <Link to="/providers" className="text-indigo-600 hover:underline">
                  {t('nav.providers')}
                </Link>
              </>
            ) : (
              t('knowledge.form.embeddingHint')
            )
          }
        >
          {(control) => (
            <Select
              {...control}
              value={values.embeddingModel}
              disabled={modelLocked}
              onChange={(event) => onChange({ embeddingModel: event.target.value })}
              data-testid="kb-embedding-model"
            >
              {values.embeddingModel === '' && <option value="">{t('knowledge.form.chooseModel')}</option>}
              {!modelKnown && <option value={values.embeddingModel}>{values.embeddingModel}</option>}
              {models.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <Group title={t('knowledge.form.chunking')}>
        <Field label={t('knowledge.form.chunkMode')} hint={t(`knowledge.chunkModeHints.${values.chunkMode}`)}>
          {(control) => (
            <Select
              {...control}
              value={values.chunkMode}
              onChange={(event) => onChange({ chunkMode: event.target.value as KnowledgeFormValues['chunkMode'] })}
              data-testid="kb-chunk-mode"
            >
              {CHUNK_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`knowledge.chunkModes.${mode}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          {numberField('maxTokens', t('knowledge.form.maxTokensHint'))}
          {numberField('overlapTokens')}
        </div>
        {values.chunkMode === 'separator' && (
          <Field label={t('knowledge.form.separator')} hint={t('knowledge.form.separatorHint')} error={problem('separator')}>
            {(control) => (
              <Input
                {...control}
                value={values.separator}
                onChange={(event) => onChange({ separator: event.target.value })}
                className="font-mono text-xs"
                data-testid="kb-separator"
              />
            )}
          </Field>
        )}
      </Group>
      <Group title={t('knowledge.form.retrieval')}>
        <Field label={t('knowledge.form.retrievalMode')} hint={t(`knowledge.retrievalModeHints.${values.retrievalMode}`)}>
          {(control) => (
            <Select
              {...control}
              value={values.retrievalMode}
              onChange={(event) => onChange({ retrievalMode: event.target.value as KnowledgeFormValues['retrievalMode'] })}
              data-testid="kb-retrieval-mode"
            >
              {RETRIEVAL_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`knowledge.retrievalModes.${mode}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          {numberField('topK')}
          {numberField('scoreThreshold', t('knowledge.form.scoreThresholdHint'))}
        </div>
      </Group>
    </div>
  );
}
