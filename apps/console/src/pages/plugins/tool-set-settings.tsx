import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { ToolSet } from '../../api/plugin-types.js';
import { InlineError } from '../../components/error-state.js';
import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { Field, Input } from '../../components/ui/input.js';
import { useToast } from '../../components/ui/toast.js';
import { fieldError, serverFieldErrors } from '../../lib/errors.js';
import { useSubmit } from '../../lib/use-submit.js';
import { httpUrl } from '../../lib/validation.js';
import { AuthFields } from './auth-fields.js';
import { authProblems, authValues, toAuth, type AuthValues } from './auth-model.js';

/** A tool set's name, description, server URL and authentication (none of them versioned). */
export function ToolSetSettings({ toolSet, editable }: { toolSet: ToolSet; editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState(toolSet.name);
  const [description, setDescription] = useState(toolSet.description);
  const [serverUrl, setServerUrl] = useState(toolSet.serverUrl ?? '');
  const [auth, setAuth] = useState<AuthValues>(() => authValues(toolSet.auth));
  const [attempted, setAttempted] = useState(false);
  const saving = useSubmit();
  const server = serverFieldErrors(saving.error);
  const problems = attempted ? authProblems(auth, toolSet.auth.type) : {};
  const nameProblem = attempted && name.trim() === '' ? t('validation.required') : fieldError(server, 'name');
  const urlProblem =
    attempted && serverUrl.trim() !== '' && httpUrl(serverUrl) !== undefined
      ? t('validation.url')
      : fieldError(server, 'serverUrl');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    if (name.trim() === '' || (serverUrl.trim() !== '' && httpUrl(serverUrl) !== undefined)) return;
    if (Object.keys(authProblems(auth, toolSet.auth.type)).length > 0) return;
    await saving.run(async () => {
      const updated = await api.plugins.toolSets.update(toolSet.id, {
        name: name.trim(),
        description,
        serverUrl: serverUrl.trim() === '' ? null : serverUrl.trim(),
        auth: toAuth(auth),
      });
      queryClient.setQueryData(keys.toolSet(toolSet.id), updated);
      await queryClient.invalidateQueries({ queryKey: keys.toolSets, exact: true });
      setAuth(authValues(updated.auth));
      setAttempted(false);
      toast.success(t('plugins.toolSet.saved'));
    });
  }

  return (
    <Card>
      <form
        onSubmit={(event) => void submit(event)}
        noValidate
        className="space-y-4 p-5"
        data-testid="toolset-settings"
      >
        <fieldset disabled={!editable} className="space-y-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t('plugins.import.name')} error={nameProblem}>
              {(control) => (
                <Input
                  {...control}
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                  data-testid="toolset-name"
                />
              )}
            </Field>
            <Field
              label={t('plugins.import.serverUrl')}
              hint={t('plugins.toolSet.serverUrlHint')}
              error={urlProblem}
            >
              {(control) => (
                <Input
                  {...control}
                  value={serverUrl}
                  onChange={(event) => setServerUrl(event.target.value)}
                  data-testid="toolset-server-url"
                />
              )}
            </Field>
          </div>
          <Field label={t('plugins.import.descriptionLabel')}>
            {(control) => (
              <Input
                {...control}
                value={description}
                onChange={(event) => setDescription(event.target.value)}
                data-testid="toolset-description"
              />
            )}
          </Field>
          <h3 className="pt-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
            {t('plugins.auth.title')}
          </h3>
          <AuthFields
            values={auth}
            problem={(field) =>
              problems[field] === undefined ? fieldError(server, `auth.${field}`) : t(problems[field])
            }
            onChange={(next) => setAuth((current) => ({ ...current, ...next }))}
          />
        </fieldset>
        {editable && (
          <div className="flex items-center justify-end gap-3">
            <div className="min-w-0 flex-1">
              <InlineError error={Object.keys(server).length > 0 ? null : saving.error} />
            </div>
            <Button type="submit" loading={saving.busy} data-testid="toolset-save">
              {t('common.save')}
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}
