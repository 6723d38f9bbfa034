import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { useAdoptMe } from '../../api/queries.js';
import { InlineError } from '../../components/error-state.js';
import { Button } from '../../components/ui/button.js';
import { Field, Input } from '../../components/ui/input.js';
import { fieldError, serverFieldErrors } from '../../lib/errors.js';
import { check, compact, email, password, required, type ValidationKey } from '../../lib/validation.js';
import { AuthLayout } from './auth-layout.js';
import { useChecks } from '../../lib/use-checks.js';
import { useSubmit } from '../../lib/use-submit.js';

type SetupField = 'name' | 'email' | 'password' | 'confirm';

export function validateSetup(
  values: Record<SetupField, string>,
): Partial<Record<SetupField, ValidationKey>> {
  return compact({
    name: check(values.name, required),
    email: check(values.email, required, email),
    password: check(values.password, required, password),
    confirm:
      check(values.confirm, required) ??
      (values.confirm === values.password ? undefined : 'validation.passwordsDiffer'),
  });
}

/** First run: the person who installed the platform creates its first administrator. */
export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const adoptMe = useAdoptMe();
  const [values, setValues] = useState<Record<SetupField, string>>({
    name: '',
    email: '',
    password: '',
    confirm: '',
  });
  const checks = useChecks(values, validateSetup);
  const invalid = checks.errors;
  // On success the app leaves this page: the button stays busy until it has.
  const setup = useSubmit({ busyAfterSuccess: true });
  const server = serverFieldErrors(setup.error);
  const errorOf = (field: SetupField) =>
    invalid[field] !== undefined ? t(invalid[field]) : fieldError(server, field);
  const bind = (field: SetupField) => ({
    value: values[field],
    onChange: (event: { target: { value: string } }) => setValues({ ...values, [field]: event.target.value }),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!checks.attempt()) return;
    await setup.run(async () => {
      await adoptMe(
        await api.setup.create({
          name: values.name.trim(),
          email: values.email.trim(),
          password: values.password,
        }),
      );
      await navigate({ to: '/' });
    });
  }

  return (
    <AuthLayout title={t('setup.title')} description={t('setup.description')}>
      <form
        onSubmit={(event) => void submit(event)}
        noValidate
        className="space-y-4"
        data-testid="setup-form"
      >
        <Field label={t('fields.name')} error={errorOf('name')}>
          {(control) => <Input {...control} {...bind('name')} autoComplete="name" data-testid="setup-name" />}
        </Field>
        <Field label={t('fields.email')} error={errorOf('email')}>
          {(control) => (
            <Input
              {...control}
              {...bind('email')}
              type="email"
              autoComplete="email"
              data-testid="setup-email"
            />
          )}
        </Field>
        <Field label={t('fields.password')} error={errorOf('password')} hint={t('fields.passwordHint')}>
          {(control) => (
            <Input
              {...control}
              {...bind('password')}
              type="password"
              autoComplete="new-password"
              data-testid="setup-password"
            />
          )}
        </Field>
        <Field label={t('fields.confirmPassword')} error={errorOf('confirm')}>
          {(control) => (
            <Input
              {...control}
              {...bind('confirm')}
              type="password"
              autoComplete="new-password"
              data-testid="setup-confirm"
            />
          )}
        </Field>
        <InlineError error={setup.error} />
        <Button type="submit" className="w-full" loading={setup.busy} data-testid="setup-submit">
          {t('setup.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
