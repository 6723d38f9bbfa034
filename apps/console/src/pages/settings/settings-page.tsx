import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, useMe, usePermissions } from '../../api/queries.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { InlineError } from '../../components/error-state.js';
import { PageHeader } from '../../components/page-header.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { Card, CardHeader } from '../../components/ui/card.js';
import { Field, Input } from '../../components/ui/input.js';
import { useToast } from '../../components/ui/toast.js';
import { fieldError, serverFieldErrors } from '../../lib/errors.js';
import { check, required } from '../../lib/validation.js';
import { useChecks } from '../../lib/use-checks.js';
import { useSubmit } from '../../lib/use-submit.js';

/** The current space: its name, and deleting it (team spaces only, typed confirmation). */
export function SettingsPage() {
  const me = useMe();
  // A fresh form per space: switching spaces must not keep the previous one's name in the field.
  return <SpaceSettings key={me.currentSpace.id} />;
}

function SpaceSettings() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = usePermissions();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const space = me.currentSpace;
  const [name, setName] = useState(space.name);
  const checks = useChecks(name, (value: string) => ({ name: check(value, required) }));
  const invalid = checks.errors.name;
  const renaming = useSubmit();
  const [deleting, setDeleting] = useState(false);
  const canRename = can('space.update');

  async function rename(event: FormEvent) {
    event.preventDefault();
    if (!checks.attempt()) return;
    await renaming.run(async () => {
      await api.spaces.update({ name: name.trim() });
      await queryClient.invalidateQueries({ queryKey: keys.me });
      toast.success(t('settings.renamed'));
    });
  }

  const nameError = invalid === undefined ? fieldError(serverFieldErrors(renaming.error), 'name') : t(invalid);
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <Card>
        <CardHeader
          title={t('settings.general')}
          actions={
            <Badge tone={space.kind === 'team' ? 'brand' : 'neutral'}>
              {t(`spaces.kinds.${space.kind}`)}
            </Badge>
          }
        />
        <form
          onSubmit={(event) => void rename(event)}
          noValidate
          className="space-y-4 px-5 py-5"
          data-testid="space-settings-form"
        >
          <Field
            label={t('spaces.name')}
            error={nameError}
            hint={canRename ? undefined : t('settings.renameNotAllowed')}
          >
            {(control) => (
              <Input
                {...control}
                value={name}
                disabled={!canRename}
                onChange={(event) => setName(event.target.value)}
                maxLength={80}
                className="max-w-md"
                data-testid="space-name"
              />
            )}
          </Field>
          <dl className="grid max-w-md grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
            <dt className="text-slate-500">{t('settings.yourRole')}</dt>
            <dd className="text-slate-900">{t(`roles.${space.role}`)}</dd>
            <dt className="text-slate-500">{t('settings.spaceId')}</dt>
            <dd className="font-mono text-xs leading-5 text-slate-600">{space.id}</dd>
          </dl>
          <InlineError error={renaming.error} />
          {canRename && (
            <Button
              type="submit"
              loading={renaming.busy}
              disabled={name.trim() === space.name}
              data-testid="space-save"
            >
              {t('common.save')}
            </Button>
          )}
        </form>
      </Card>
      {space.kind === 'team' && can('space.delete') && (
        <Card className="mt-6 border-red-200">
          <CardHeader
            title={<span className="text-red-700">{t('settings.dangerZone')}</span>}
            description={t('settings.deleteDescription')}
            actions={
              <Button
                variant="destructive-outline"
                onClick={() => setDeleting(true)}
                data-testid="space-delete"
              >
                {t('settings.delete')}
              </Button>
            }
          />
        </Card>
      )}
      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title={t('settings.deleteTitle')}
        body={t('settings.deleteBody', { name: space.name })}
        typedConfirmation={space.name}
        confirmLabel={t('settings.delete')}
        onConfirm={async () => {
          await api.spaces.remove();
          // The session falls back to another space of this person.
          queryClient.setQueryData(keys.me, await api.me.get());
          await queryClient.resetQueries({ queryKey: keys.space });
          toast.success(t('settings.deleted', { name: space.name }));
          await navigate({ to: '/' });
        }}
      />
    </>
  );
}
