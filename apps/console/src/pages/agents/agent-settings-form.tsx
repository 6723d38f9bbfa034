import { Link } from '@tanstack/react-router';
import { Plus, X } from 'lucide-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { isApiError } from '../../api/index.js';
import type { Agent, AgentChanges, AgentStrategy, KnowledgeBase, WorkflowSummary } from '../../api/types.js';
import { InlineError } from '../../components/error-state.js';
import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { Field, Input, Textarea } from '../../components/ui/input.js';
import { Select } from '../../components/ui/select.js';
import { fieldError, serverFieldErrors } from '../../lib/errors.js';
import { useChecks } from '../../lib/use-checks.js';
import { useSubmit } from '../../lib/use-submit.js';
import { AgentExtensions } from './agent-extensions.js';
import { AgentKnowledge } from './agent-knowledge.js';
import { AgentWorkflows } from './agent-workflows.js';
import {
  BUILTIN_TOOLS,
  MAX_QUESTIONS,
  STRATEGIES,
  initialValues,
  toDraftChanges,
  validateAgent,
  type AgentFormField,
  type AgentFormValues,
  type ModelOption,
} from './agent-form-model.js';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-4 border-t border-slate-100 px-5 py-4 first:border-t-0">
      <legend className="sr-only">{title}</legend>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500" aria-hidden>
        {title}
      </h3>
      {children}
    </fieldset>
  );
}

/** The draft's settings. Saving sends every field (PATCH replaces each whole). */
export function AgentSettingsForm({
  agent,
  models,
  workflows,
  knowledgeBases,
  editable,
  onSave,
  onDirtyChange,
}: {
  agent: Agent;
  models: ModelOption[];
  /** The space's workflows, which the agent may call as tools; undefined while loading. */
  workflows?: WorkflowSummary[] | undefined;
  /** The space's knowledge bases, which the agent may search; undefined while loading. */
  knowledgeBases?: KnowledgeBase[] | undefined;
  editable: boolean;
  onSave: (changes: AgentChanges) => Promise<void>;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<AgentFormValues>(() => initialValues(agent));
  const [saved, setSaved] = useState<AgentFormValues>(() => initialValues(agent));
  const checks = useChecks(values, validateAgent);
  const saving = useSubmit();
  const error = saving.error;
  // 409 alias_taken is about one field too: it is shown under the alias, like a failed check.
  const server = {
    ...serverFieldErrors(error),
    ...(isApiError(error) && error.code === 'alias_taken' ? { alias: t('agents.form.aliasTaken') } : {}),
  };

  function change(next: Partial<AgentFormValues>) {
    const merged = { ...values, ...next };
    setValues(merged);
    onDirtyChange?.(JSON.stringify(merged) !== JSON.stringify(saved));
  }

  const problem = (field: AgentFormField, serverField: string = field): string | undefined => {
    const key = checks.errors[field];
    return key === undefined ? fieldError(server, serverField) : t(key);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!checks.attempt()) return;
    await saving.run(async () => {
      await onSave(toDraftChanges(values, agent));
      setSaved(values);
      onDirtyChange?.(false);
    });
  }

  const modelKnown = values.model === '' || models.some((option) => option.value === values.model);

  return (
    <Card>
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="agent-form">
        <fieldset disabled={!editable} className="min-w-0">
          <Section title={t('agents.form.basics')}>
            <Field label={t('agents.form.name')} error={problem('name')}>
              {(control) => (
                <Input
                  {...control}
                  value={values.name}
                  onChange={(event) => change({ name: event.target.value })}
                  data-testid="agent-name"
                />
              )}
            </Field>
            <Field
              label={t('agents.form.alias')}
              hint={<Trans i18nKey="agents.form.aliasHint" components={{ code: <code /> }} />}
              error={problem('alias')}
            >
              {(control) => (
                <Input
                  {...control}
                  value={values.alias}
                  onChange={(event) => change({ alias: event.target.value })}
                  autoComplete="off"
                  spellCheck={false}
                  className="font-mono text-xs"
                  data-testid="agent-alias"
                />
              )}
            </Field>
            <Field label={t('agents.form.description')} error={problem('description')}>
              {(control) => (
                <Input
                  {...control}
                  value={values.description}
                  onChange={(event) => change({ description: event.target.value })}
                  data-testid="agent-description"
                />
              )}
            </Field>
            <Field
              label={t('agents.form.instructions')}
              hint={t('agents.form.instructionsHint')}
              error={problem('instructions')}
            >
              {(control) => (
                <Textarea
                  {...control}
                  rows={6}
                  value={values.instructions}
                  onChange={(event) => change({ instructions: event.target.value })}
                  className="font-mono text-xs"
                  data-testid="agent-instructions"
                />
              )}
            </Field>
          </Section>
          <Section title={t('agents.form.modelSection')}>
            <Field
              label={t('agents.form.model')}
              error={problem('model')}
              hint={
                models.length === 0 ? (
                  <>
                    {t('agents.form.noModels')}{' '}
                    <Link to="/providers" className="text-indigo-600 hover:underline">
                      {t('nav.providers')}
                    </Link>
                  </>
                ) : undefined
              }
            >
              {(control) => (
                <Select
                  {...control}
                  value={values.model}
                  onChange={(event) => change({ model: event.target.value })}
                  data-testid="agent-model"
                >
                  <option value="">{t('agents.form.modelNone')}</option>
                  {!modelKnown && (
                    <option value={values.model}>
                      {t('agents.form.modelMissing', { model: values.model })}
                    </option>
                  )}
                  {models.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                label={t('agents.form.temperature')}
                hint={t('agents.form.temperatureHint')}
                error={problem('temperature', 'parameters.temperature')}
              >
                {(control) => (
                  <Input
                    {...control}
                    inputMode="decimal"
                    value={values.temperature}
                    onChange={(event) => change({ temperature: event.target.value })}
                    data-testid="agent-temperature"
                  />
                )}
              </Field>
              <Field
                label={t('agents.form.maxTokens')}
                hint={t('agents.form.maxTokensHint')}
                error={problem('maxTokens', 'parameters.maxTokens')}
              >
                {(control) => (
                  <Input
                    {...control}
                    inputMode="numeric"
                    value={values.maxTokens}
                    onChange={(event) => change({ maxTokens: event.target.value })}
                    data-testid="agent-max-tokens"
                  />
                )}
              </Field>
            </div>
          </Section>
          <Section title={t('agents.form.tools')}>
            <div className="space-y-2" role="group" aria-label={t('agents.form.tools')}>
              {BUILTIN_TOOLS.map((tool) => (
                <label key={tool} className="flex items-start gap-2.5 text-sm">
                  <input
                    type="checkbox"
                    className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600"
                    checked={values.tools.includes(tool)}
                    onChange={(event) =>
                      change({
                        tools: event.target.checked
                          ? [...values.tools, tool]
                          : values.tools.filter((name) => name !== tool),
                      })
                    }
                    data-testid="agent-tool"
                    data-tool={tool}
                  />
                  <span>
                    <span className="font-medium text-slate-800">{t(`agents.tools.${tool}`)}</span>
                    <code className="ml-1.5 text-xs text-slate-400">{tool}</code>
                    <span className="block text-xs text-slate-500">{t(`agents.toolHints.${tool}`)}</span>
                  </span>
                </label>
              ))}
            </div>
            <AgentWorkflows workflows={workflows} selected={values.workflows} onChange={(workflows) => change({ workflows })} />
            <AgentKnowledge bases={knowledgeBases} value={values.knowledge} onChange={(knowledge) => change({ knowledge })} />
            <AgentExtensions values={values} onChange={change} />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label={t('agents.form.strategy')} hint={t('agents.form.strategyHint')}>
                {(control) => (
                  <Select
                    {...control}
                    value={values.strategy}
                    onChange={(event) => change({ strategy: event.target.value as AgentStrategy })}
                    data-testid="agent-strategy"
                  >
                    {STRATEGIES.map((strategy) => (
                      <option key={strategy} value={strategy}>
                        {t(`agents.strategies.${strategy}`)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field
                label={t('agents.form.maxSteps')}
                hint={t('agents.form.maxStepsHint')}
                error={problem('maxSteps')}
              >
                {(control) => (
                  <Input
                    {...control}
                    inputMode="numeric"
                    value={values.maxSteps}
                    onChange={(event) => change({ maxSteps: event.target.value })}
                    data-testid="agent-max-steps"
                  />
                )}
              </Field>
            </div>
          </Section>
          <Section title={t('agents.form.conversation')}>
            <Field
              label={t('agents.form.openingMessage')}
              hint={t('agents.form.openingHint')}
              error={problem('openingMessage')}
            >
              {(control) => (
                <Textarea
                  {...control}
                  rows={2}
                  value={values.openingMessage}
                  onChange={(event) => change({ openingMessage: event.target.value })}
                  data-testid="agent-opening"
                />
              )}
            </Field>
            <div className="space-y-2">
              <p className="text-sm font-medium text-slate-800">{t('agents.form.suggestedQuestions')}</p>
              {values.suggestedQuestions.map((question, index) => (
                <div key={index} className="flex gap-2" data-testid="agent-question-row">
                  <Input
                    value={question}
                    aria-label={t('agents.form.questionLabel', { number: index + 1 })}
                    onChange={(event) =>
                      change({
                        suggestedQuestions: values.suggestedQuestions.map((item, at) =>
                          at === index ? event.target.value : item,
                        ),
                      })
                    }
                    data-testid="agent-question"
                  />
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-label={t('agents.form.removeQuestion')}
                    onClick={() =>
                      change({
                        suggestedQuestions: values.suggestedQuestions.filter((_, at) => at !== index),
                      })
                    }
                  >
                    <X className="size-4" aria-hidden />
                  </Button>
                </div>
              ))}
              {problem('suggestedQuestions') !== undefined && (
                <p className="text-xs text-red-600" data-testid="field-error">
                  {problem('suggestedQuestions')}
                </p>
              )}
              <Button
                variant="secondary"
                size="sm"
                disabled={values.suggestedQuestions.length >= MAX_QUESTIONS}
                onClick={() => change({ suggestedQuestions: [...values.suggestedQuestions, ''] })}
                data-testid="agent-question-add"
              >
                <Plus className="size-3.5" aria-hidden />
                {t('agents.form.addQuestion')}
              </Button>
            </div>
            <label className="flex items-center gap-2.5 text-sm font-medium text-slate-800">
              <input
                type="checkbox"
                className="size-4 rounded border-slate-300 text-indigo-600"
                checked={values.memoryEnabled}
                onChange={(event) => change({ memoryEnabled: event.target.checked })}
                data-testid="agent-memory"
              />
              {t('agents.form.memoryEnabled')}
            </label>
            {values.memoryEnabled && (
              <Field
                label={t('agents.form.memoryMaxTokens')}
                hint={t('agents.form.memoryHint')}
                error={problem('memoryMaxTokens', 'memory.maxTokens')}
              >
                {(control) => (
                  <Input
                    {...control}
                    inputMode="numeric"
                    value={values.memoryMaxTokens}
                    onChange={(event) => change({ memoryMaxTokens: event.target.value })}
                    data-testid="agent-memory-tokens"
                  />
                )}
              </Field>
            )}
          </Section>
        </fieldset>
        {editable && (
          <div className="flex flex-wrap items-center justify-end gap-3 rounded-b-lg border-t border-slate-100 bg-slate-50/70 px-5 py-3">
            <div className="min-w-0 flex-1">
              <InlineError error={Object.keys(server).length > 0 ? null : error} />
            </div>
            <Button type="submit" loading={saving.busy} data-testid="agent-save">
              {t('common.save')}
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}
