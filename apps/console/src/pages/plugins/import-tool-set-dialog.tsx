import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { ToolSetSource } from '../../api/plugin-types.js';
import { FormFooter } from '../../components/form-footer.js';
import { Dialog } from '../../components/ui/dialog.js';
import { Field, Input, Textarea } from '../../components/ui/input.js';
import { useSubmit } from '../../lib/use-submit.js';
import { httpUrl } from '../../lib/validation.js';

type SourceMode = 'paste' | 'file' | 'url';
const MODES: SourceMode[] = ['paste', 'file', 'url'];

interface Values {
  mode: SourceMode;
  text: string;
  url: string;
  name: string;
  description: string;
  serverUrl: string;
}

const EMPTY: Values = { mode: 'paste', text: '', url: '', name: '', description: '', serverUrl: '' };

/** What is wrong with the values before anything is sent, by field. */
export function importProblems(
  values: Values,
): Partial<Record<'source' | 'serverUrl', 'validation.required' | 'validation.url'>> {
  const problems: Partial<Record<'source' | 'serverUrl', 'validation.required' | 'validation.url'>> = {};
  if (values.mode === 'url') {
    const bad = values.url.trim() === '' ? 'validation.required' : httpUrl(values.url);
    if (bad !== undefined) problems.source = bad as 'validation.required' | 'validation.url';
  } else if (values.text.trim() === '') problems.source = 'validation.required';
  if (values.serverUrl.trim() !== '' && httpUrl(values.serverUrl) !== undefined)
    problems.serverUrl = 'validation.url';
  return problems;
}

/** A new tool set from an OpenAPI 3 or Swagger 2 document: pasted, read from a file, or fetched from a URL. */
export function ImportToolSetDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [values, setValues] = useState<Values>(EMPTY);
  const [fileName, setFileName] = useState<string | null>(null);
  const [attempted, setAttempted] = useState(false);
  const creation = useSubmit();
  const problems = attempted ? importProblems(values) : {};
  const change = (next: Partial<Values>) => setValues((current) => ({ ...current, ...next }));

  function close() {
    setValues(EMPTY);
    setFileName(null);
    setAttempted(false);
    creation.reset();
    onClose();
  }

  async function readFile(file: File | undefined) {
    if (file === undefined) return;
    setFileName(file.name);
    change({ text: await file.text() });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    if (Object.keys(importProblems(values)).length > 0) return;
    const source: ToolSetSource = values.mode === 'url' ? { url: values.url.trim() } : { text: values.text };
    await creation.run(async () => {
      const created = await api.plugins.toolSets.create({
        source,
        ...(values.name.trim() === '' ? {} : { name: values.name.trim() }),
        ...(values.description.trim() === '' ? {} : { description: values.description.trim() }),
        ...(values.serverUrl.trim() === '' ? {} : { serverUrl: values.serverUrl.trim() }),
      });
      queryClient.setQueryData(keys.toolSet(created.id), created);
      await queryClient.invalidateQueries({ queryKey: keys.toolSets, exact: true });
      close();
      await navigate({ to: '/plugins/tool-sets/$toolSetId', params: { toolSetId: created.id } });
    });
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('plugins.import.title')}
      description={t('plugins.import.description')}
      size="lg"
    >
      <form
        onSubmit={(event) => void submit(event)}
        className="space-y-4"
        noValidate
        data-testid="plugin-import-form"
      >
        <div role="radiogroup" aria-label={t('plugins.import.source')} className="flex gap-4 text-sm">
          {MODES.map((mode) => (
            <label key={mode} className="flex items-center gap-1.5">
              <input
                type="radio"
                name="source"
                checked={values.mode === mode}
                onChange={() => change({ mode })}
                data-testid={`plugin-import-mode-${mode}`}
              />
              {t(`plugins.import.modes.${mode}`)}
            </label>
          ))}
        </div>
        {values.mode === 'paste' && (
          <Field label={t('plugins.import.text')} error={problems.source && t(problems.source)}>
            {(control) => (
              <Textarea
                {...control}
                rows={10}
                className="font-mono text-xs"
                value={values.text}
                onChange={(event) => change({ text: event.target.value })}
                data-testid="plugin-import-text"
              />
            )}
          </Field>
        )}
        {values.mode === 'file' && (
          <Field
            label={t('plugins.import.file')}
            hint={fileName ?? t('plugins.import.fileHint')}
            error={problems.source && t(problems.source)}
          >
            {(control) => (
              <input
                {...control}
                type="file"
                accept=".json,.yaml,.yml,application/json,application/yaml"
                className="block text-sm"
                onChange={(event) => void readFile(event.target.files?.[0])}
                data-testid="plugin-import-file"
              />
            )}
          </Field>
        )}
        {values.mode === 'url' && (
          <Field
            label={t('plugins.import.url')}
            hint={t('plugins.import.urlHint')}
            error={problems.source && t(problems.source)}
          >
            {(control) => (
              <Input
                {...control}
                value={values.url}
                placeholder="https://"
                onChange={(event) => change({ url: event.target.value })}
                data-testid="plugin-import-url"
              />
            )}
          </Field>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('plugins.import.name')} hint={t('plugins.import.fromDocument')}>
            {(control) => (
              <Input
                {...control}
                value={values.name}
                onChange={(event) => change({ name: event.target.value })}
                data-testid="plugin-import-name"
              />
            )}
          </Field>
          <Field
            label={t('plugins.import.serverUrl')}
            hint={t('plugins.import.serverUrlHint')}
            error={problems.serverUrl && t(problems.serverUrl)}
          >
            {(control) => (
              <Input
                {...control}
                value={values.serverUrl}
                onChange={(event) => change({ serverUrl: event.target.value })}
                data-testid="plugin-import-server-url"
              />
            )}
          </Field>
        </div>
        <Field label={t('plugins.import.descriptionLabel')} hint={t('plugins.import.fromDocument')}>
          {(control) => (
            <Input
              {...control}
              value={values.description}
              onChange={(event) => change({ description: event.target.value })}
              data-testid="plugin-import-description"
            />
          )}
        </Field>
        <FormFooter
          error={creation.error}
          busy={creation.busy}
          onCancel={close}
          submitLabel={t('plugins.import.submit')}
          submitTestId="plugin-import-submit"
        />
      </form>
    </Dialog>
  );
}
