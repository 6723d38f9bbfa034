import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, useMe } from '../../api/queries.js';
import { InlineError } from '../../components/error-state.js';
import { PageHeader } from '../../components/page-header.js';
import { Button } from '../../components/ui/button.js';
import { Card, CardHeader } from '../../components/ui/card.js';
import { Field, Input } from '../../components/ui/input.js';
import { Select } from '../../components/ui/select.js';
import { useToast } from '../../components/ui/toast.js';
import { isLanguage, LANGUAGES, setLanguage } from '../../i18n/index.js';
import { errorMessage, fieldError, serverFieldErrors } from '../../lib/errors.js';
import { check, compact, password, required, type ValidationKey } from '../../lib/validation.js';
import { useChecks } from '../../lib/use-checks.js';
import { useSubmit } from '../../lib/use-submit.js';

type PasswordField = 'currentPassword' | 'newPassword' | 'confirm';

export function validatePasswordChange(
  values: Record<PasswordField, string>,
): Partial<Record<PasswordField, ValidationKey>> {
  return compact({
    currentPassword: check(values.currentPassword, required),
    newPassword: check(values.newPassword, required, password),
    confirm:
      check(values.confirm, required) ??
      (values.confirm === values.newPassword ? undefined : 'validation.passwordsDiffer'),
  });
}

export function ProfilePage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState(me.user.name);
  const nameChecks = useChecks(name, (value: string) => ({ name: check(value, required) }));
  const nameInvalid = nameChecks.errors.name;
  const renaming = useSubmit();

  async function saveName(event: FormEvent) {
    event.preventDefault();
    if (!nameChecks.attempt()) return;
    await renaming.run(async () => {
      queryClient.setQueryData(keys.me, await api.me.update({ name: name.trim() }));
      toast.success(t('profile.saved'));
    });
  }

  async function changeLanguage(value: string) {
    if (!isLanguage(value)) return;
    await setLanguage(value);
    try {
      queryClient.setQueryData(keys.me, await api.me.update({ locale: value }));
    } catch (failure) {
      // The switch already applies in this browser; only remembering it on the account failed.
      toast.error(errorMessage(failure, t));
    }
  }

  return (
    <>
      <PageHeader title={t('profile.title')} description={t('profile.description')} />
      <div className="space-y-6">
        <Card>
          <CardHeader title={t('profile.account')} />
          <form
            onSubmit={(event) => void saveName(event)}
            noValidate
            className="space-y-4 px-5 py-5"
            data-testid="profile-form"
          >
            <Field label={t('fields.email')} hint={t('profile.emailHint')}>
              {(control) => <Input {...control} value={me.user.email} disabled className="max-w-md" />}
            </Field>
            <Field
              label={t('fields.name')}
              error={
                nameInvalid === undefined ? fieldError(serverFieldErrors(renaming.error), 'name') : t(nameInvalid)
              }
            >
              {(control) => (
                <Input
                  {...control}
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                  autoComplete="name"
                  className="max-w-md"
                  data-testid="profile-name"
                />
              )}
            </Field>
            <InlineError error={renaming.error} />
            <Button
              type="submit"
              loading={renaming.busy}
              disabled={name.trim() === me.user.name}
              data-testid="profile-save"
            >
              {t('common.save')}
            </Button>
          </form>
        </Card>
        <Card>
          <CardHeader title={t('profile.language')} description={t('profile.languageDescription')} />
          <div className="px-5 py-5">
            <Field label={t('common.language')}>
              {(control) => (
                <Select
                  {...control}
                  value={i18n.resolvedLanguage ?? i18n.language}
                  onChange={(event) => void changeLanguage(event.target.value)}
                  className="max-w-xs"
                  data-testid="profile-language"
                >
                  {LANGUAGES.map((language) => (
                    <option key={language} value={language}>
                      {t(`languages.${language}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </div>
        </Card>
        <PasswordCard hasPassword={me.user.hasPassword} />
      </div>
    </>
  );
}

function PasswordCard({ hasPassword }: { hasPassword: boolean }) {
  const { t } = useTranslation();
  const toast = useToast();
  const empty = { currentPassword: '', newPassword: '', confirm: '' };
  const [values, setValues] = useState<Record<PasswordField, string>>(empty);
  const checks = useChecks(values, validatePasswordChange);
  const invalid = checks.errors;
  const passwordChange = useSubmit();
  const server = serverFieldErrors(passwordChange.error);
  const errorOf = (field: PasswordField) =>
    invalid[field] !== undefined ? t(invalid[field]) : fieldError(server, field);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!checks.attempt()) return;
    await passwordChange.run(async () => {
      await api.me.changePassword({
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      setValues(empty);
      checks.reset();
      toast.success(t('profile.passwordChanged'));
    });
  }

  return (
    <Card>
      <CardHeader
        title={t('profile.password')}
        description={hasPassword ? t('profile.passwordDescription') : t('profile.ssoOnly')}
      />
      {hasPassword && (
        <form
          onSubmit={(event) => void submit(event)}
          noValidate
          className="space-y-4 px-5 py-5"
          data-testid="password-form"
        >
          <Field label={t('profile.currentPassword')} error={errorOf('currentPassword')}>
            {(control) => (
              <Input
                {...control}
                type="password"
                autoComplete="current-password"
                className="max-w-md"
                value={values.currentPassword}
                onChange={(event) => setValues({ ...values, currentPassword: event.target.value })}
                data-testid="password-current"
              />
            )}
          </Field>
          <Field
            label={t('profile.newPassword')}
            error={errorOf('newPassword')}
            hint={t('fields.passwordHint')}
          >
            {(control) => (
              <Input
                {...control}
                type="password"
                autoComplete="new-password"
                className="max-w-md"
                value={values.newPassword}
                onChange={(event) => setValues({ ...values, newPassword: event.target.value })}
                data-testid="password-new"
              />
            )}
          </Field>
          <Field label={t('fields.confirmPassword')} error={errorOf('confirm')}>
            {(control) => (
              <Input
                {...control}
                type="password"
                autoComplete="new-password"
                className="max-w-md"
                value={values.confirm}
                onChange={(event) => setValues({ ...values, confirm: event.target.value })}
                data-testid="password-confirm"
              />
            )}
          </Field>
          <InlineError error={passwordChange.error} />
          <Button type="submit" loading={passwordChange.busy} data-testid="password-submit">
            {t('profile.changePassword')}
          </Button>
        </form>
      )}
    </Card>
  );
}
