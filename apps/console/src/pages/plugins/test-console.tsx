import { useQuery } from '@tanstack/react-query';
import { Play } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { ToolSet, ToolTestRun } from '../../api/plugin-types.js';
import { InlineError } from '../../components/error-state.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { Field, Textarea } from '../../components/ui/input.js';
import { Select } from '../../components/ui/select.js';
import { useSubmit } from '../../lib/use-submit.js';
import { JsonBlock } from './json-block.js';
import { SchemaFields } from './schema-fields.js';
import { fieldsOf, inputsFrom, parseObject } from './schema-form-model.js';

/** Calls one operation as an agent would (draft or a version) and shows the request as sent and the raw answer. */
export function TestConsole({ toolSet, editable }: { toolSet: ToolSet; editable: boolean }) {
  const { t } = useTranslation();
  const versions = useQuery({
    queryKey: keys.toolSetVersions(toolSet.id),
    queryFn: () => api.plugins.toolSets.versions(toolSet.id),
  });
  const [operationId, setOperationId] = useState(toolSet.operations[0]?.operationId ?? '');
  const [version, setVersion] = useState('draft');
  const [raw, setRaw] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const [rawText, setRawText] = useState('{}');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [run, setRun] = useState<ToolTestRun | null>(null);
  // A failed call leaves no result on screen: the one before would pass for its answer.
  const call = useSubmit({ onError: () => setRun(null) });
  const operation = toolSet.operations.find((item) => item.operationId === operationId);
  const fields = operation === undefined ? null : fieldsOf(operation.inputSchema);
  const formMode = !raw && fields !== null;

  async function execute() {
    if (operation === undefined) return;
    let inputs: Record<string, unknown>;
    if (formMode) {
      const result = inputsFrom(fields, values);
      if (!result.ok) return setErrors(result.errors);
      inputs = result.inputs;
    } else {
      const parsed = parseObject(rawText);
      if (parsed === null) return setErrors({ raw: 'json' });
      inputs = parsed;
    }
    setErrors({});
    await call.run(async () =>
      setRun(
        await api.plugins.toolSets.testRun(toolSet.id, {
          operationId: operation.operationId,
          inputs,
          version,
        }),
      ),
    );
  }

  if (toolSet.operations.length === 0)
    return <Card className="p-5 text-sm text-slate-500">{t('plugins.toolSet.noOperations')}</Card>;
  return (
    <div className="space-y-4">
      <Card className="space-y-4 p-5" data-testid="toolset-test">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('plugins.test.operation')}>
            {(control) => (
              <Select
                {...control}
                value={operationId}
                onChange={(event) => {
                  setOperationId(event.target.value);
                  setValues({});
                  setErrors({});
                  setRun(null);
                }}
                data-testid="toolset-test-operation"
              >
                {toolSet.operations.map((item) => (
                  <option key={item.operationId} value={item.operationId}>
                    {item.method.toUpperCase()} {item.path} — {item.operationId}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('plugins.test.version')}>
            {(control) => (
              <Select
                {...control}
                value={version}
                onChange={(event) => setVersion(event.target.value)}
                data-testid="toolset-test-version"
              >
                <option value="draft">{t('plugins.test.draft')}</option>
                {(versions.data?.items ?? []).map((item) => (
                  <option key={item.version} value={item.version}>
                    {item.version}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        {fields !== null && (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              className="size-4 rounded border-slate-300"
              checked={raw}
              onChange={(event) => setRaw(event.target.checked)}
              data-testid="toolset-test-raw-mode"
            />
            {t('plugins.test.rawMode')}
          </label>
        )}
        {formMode ? (
          <SchemaFields
            fields={fields}
            values={values}
            errors={errors}
            onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))}
          />
        ) : (
          <Field
            label={t('plugins.test.rawInputs')}
            error={errors.raw === undefined ? undefined : t('plugins.test.inputErrors.object')}
          >
            {(control) => (
              <Textarea
                {...control}
                rows={6}
                className="font-mono text-xs"
                value={rawText}
                onChange={(event) => setRawText(event.target.value)}
                data-testid="toolset-test-raw"
              />
            )}
          </Field>
        )}
        <InlineError error={call.error} />
        <div className="flex justify-end">
          <Button
            onClick={() => void execute()}
            loading={call.busy}
            disabled={!editable}
            data-testid="toolset-test-run"
          >
            <Play className="size-4" aria-hidden />
            {t('plugins.test.run')}
          </Button>
        </div>
      </Card>
      {run !== null && (
        <Card className="space-y-3 p-5" data-testid="toolset-test-result">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={run.result.ok ? 'success' : 'danger'} data-testid="toolset-test-status">
              {run.result.status}
            </Badge>
            <span className="text-slate-500" data-testid="toolset-test-duration">
              {t('plugins.test.duration', { ms: run.result.durationMs })}
            </span>
            <span className="text-slate-400">{run.version}</span>
          </div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
            {t('plugins.test.request')}
          </h4>
          <JsonBlock value={run.request} data-testid="toolset-test-request" />
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
            {t('plugins.test.response')}
          </h4>
          <JsonBlock value={run.response} data-testid="toolset-test-response" />
        </Card>
      )}
    </div>
  );
}
