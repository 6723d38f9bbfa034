import type { Problem } from '@astron/dsl';
import { useTranslation } from 'react-i18next';
import { Input } from '../../../components/ui/input.js';
import { Select } from '../../../components/ui/select.js';
import type { RetryConfigDraft } from '../editor/draft.js';
import { DEFAULT_RETRY } from '../editor/node-factory.js';
import { FieldShell } from './field-shell.js';
import { JsonField } from './json-field.js';

/** Timeout, retries and what a failure does: fail the run, continue with set outputs, or take the error branch. */
export function RetryEditor({
  retry,
  errorBranch,
  problems,
  editable,
  onChange,
}: {
  retry: RetryConfigDraft | undefined;
  errorBranch: boolean;
  problems: Problem[];
  editable: boolean;
  onChange: (retry: RetryConfigDraft, key?: string) => void;
}) {
  const { t } = useTranslation();
  const value = { ...DEFAULT_RETRY, ...retry };
  const set = (change: Partial<RetryConfigDraft>, key?: string) => onChange({ ...value, ...change }, key);
  const number = (text: string) => (text === '' ? undefined : Number(text));
  return (
    <section className="space-y-3" data-testid="retry-editor">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t('workflows.panel.retry')}</h3>
      <div className="grid grid-cols-2 gap-2">
        <FieldShell label={t('workflows.panel.timeout')} path="data.retryConfig.timeout" problems={problems}>
          {(control) => (
            <Input
              {...control}
              type="number"
              min={1}
              value={value.timeout ?? ''}
              disabled={!editable}
              onChange={(event) => set({ timeout: number(event.target.value) }, 'retry-timeout')}
              data-testid="retry-timeout"
            />
          )}
        </FieldShell>
        <FieldShell label={t('workflows.panel.maxRetries')} path="data.retryConfig.max_retries" problems={problems}>
          {(control) => (
            <Input
              {...control}
              type="number"
              min={0}
              value={value.max_retries ?? ''}
              disabled={!editable}
              onChange={(event) => {
                const retries = number(event.target.value);
                set({ max_retries: retries, should_retry: (retries ?? 0) > 0 }, 'retry-max');
              }}
              data-testid="retry-max"
            />
          )}
        </FieldShell>
      </div>
      <FieldShell label={t('workflows.panel.errorStrategy')} path="data.retryConfig.error_strategy" problems={problems}>
        {(control) => (
          <Select
            {...control}
            value={String(value.error_strategy ?? 0)}
            disabled={!editable}
            onChange={(event) => set({ error_strategy: Number(event.target.value) as 0 | 1 | 2 })}
            data-testid="retry-strategy"
          >
            <option value="0">{t('workflows.panel.strategies.fail')}</option>
            <option value="1">{t('workflows.panel.strategies.continue')}</option>
            {(errorBranch || value.error_strategy === 2) && <option value="2">{t('workflows.panel.strategies.branch')}</option>}
          </Select>
        )}
      </FieldShell>
      {value.error_strategy === 1 && (
        <FieldShell label={t('workflows.panel.customOutput')} path="data.retryConfig.custom_output" problems={problems} hint={t('workflows.panel.customOutputHint')}>
          {(control) => (
            <JsonField
              id={control.id}
              value={value.custom_output}
              disabled={!editable}
              invalid={control['aria-invalid']}
              onChange={(next) => set({ custom_output: typeof next === 'object' && next !== null && !Array.isArray(next) ? (next as Record<string, unknown>) : {} })}
              testId="retry-custom-output"
            />
          )}
        </FieldShell>
      )}
    </section>
  );
}
