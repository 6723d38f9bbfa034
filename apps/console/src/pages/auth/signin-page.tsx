import { useSuspenseQuery } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { CircleAlert, LogIn } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { setupQuery, useAdoptMe } from '../../api/queries.js';
import { InlineError } from '../../components/error-state.js';
import { Button } from '../../components/ui/button.js';
import { Field, Input } from '../../components/ui/input.js';
import { isLanguage, setLanguage } from '../../i18n/index.js';
import { fieldError, serverFieldErrors } from '../../lib/errors.js';
import { safeReturnTo } from '../../lib/return-to.js';
import { check, compact, email, required, type ValidationKey } from '../../lib/validation.js';
import { AuthLayout } from './auth-layout.js';
import { useChecks } from '../../lib/use-checks.js';
import { useSubmit } from '../../lib/use-submit.js';

type SignInField = 'email' | 'password';

export function validateSignIn(
  values: Record<SignInField, string>,
): Partial<Record<SignInField, ValidationKey>> {
  return compact({ email: check(values.email, required, email), password: check(values.password, required) });
}

const SSO_ERRORS = new Set([
  'invalid_state',
  'sso_denied',
  'sso_failed',
  'sso_no_email',
  'sso_email_unverified',
]);

/** Email and password when local accounts are on; "Sign in with <provider>" when SSO is configured. */
export function SignInPage({ error: ssoError, returnTo }: { error?: string; returnTo?: string }) {
  const { t } = useTranslation();
  const router = useRouter();
  const adoptMe = useAdoptMe();
  const { data: setup } = useSuspenseQuery(setupQuery);
  const [values, setValues] = useState<Record<SignInField, string>>({ email: '', password: '' });
  const checks = useChecks(values, validateSignIn);
  const invalid = checks.errors;
  // On success the app leaves this page: the button stays busy until it has.
  const signIn = useSubmit({ busyAfterSuccess: true });
  const target = safeReturnTo(returnTo);
  const server = serverFieldErrors(signIn.error);
  const errorOf = (field: SignInField) =>
    invalid[field] !== undefined ? t(invalid[field]) : fieldError(server, field);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!checks.attempt()) return;
    await signIn.run(async () => {
      const me = await api.auth.login({ email: values.email.trim(), password: values.password });
      if (isLanguage(me.user.locale)) await setLanguage(me.user.locale);
      await adoptMe(me);
      router.history.push(target);
    });
  }

  return (
    <AuthLayout title={t('signin.title')} description={t('signin.description')}>
      {ssoError !== undefined && ssoError !== '' && (
        <div
          role="alert"
          data-testid="signin-sso-error"
          className="mb-5 flex items-start gap-2 rounded-md bg-red-50 px-3 py-2.5 text-sm text-red-700"
        >
          <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>
            {SSO_ERRORS.has(ssoError)
              ? t(`signin.ssoErrors.${ssoError as 'sso_failed'}`)
              : t('signin.ssoErrors.unknown', { code: ssoError })}
          </span>
        </div>
      )}
      {setup.sso !== null && (
        <a
          href={api.auth.ssoStartUrl(target)}
          data-testid="signin-sso"
          className="flex h-9 w-full items-center justify-center gap-2 rounded-md bg-white text-sm font-medium text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          <LogIn className="size-4" aria-hidden />
          {t('signin.sso', { name: setup.sso.name })}
        </a>
      )}
      {setup.sso !== null && setup.localLogin && (
        <div className="my-5 flex items-center gap-3 text-xs text-slate-400">
          <div className="h-px flex-1 bg-slate-200" />
          {t('signin.or')}
          <div className="h-px flex-1 bg-slate-200" />
        </div>
      )}
      {setup.localLogin && (
        <form
          onSubmit={(event) => void submit(event)}
          noValidate
          className="space-y-4"
          data-testid="signin-form"
        >
          <Field label={t('fields.email')} error={errorOf('email')}>
            {(control) => (
              <Input
                {...control}
                type="email"
                autoComplete="username"
                value={values.email}
                onChange={(event) => setValues({ ...values, email: event.target.value })}
                data-testid="signin-email"
              />
            )}
          </Field>
          <Field label={t('fields.password')} error={errorOf('password')}>
            {(control) => (
              <Input
                {...control}
                type="password"
                autoComplete="current-password"
                value={values.password}
                onChange={(event) => setValues({ ...values, password: event.target.value })}
                data-testid="signin-password"
              />
            )}
          </Field>
          <InlineError error={signIn.error} />
          <Button type="submit" className="w-full" loading={signIn.busy} data-testid="signin-submit">
            {t('signin.submit')}
          </Button>
        </form>
      )}
      {!setup.localLogin && setup.sso === null && (
        <p className="text-sm text-slate-500">{t('signin.noMethod')}</p>
      )}
    </AuthLayout>
  );
}
