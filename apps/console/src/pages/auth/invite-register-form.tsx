import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { useAdoptMe } from '../../api/queries.js';
import type { InvitationPreview } from '../../api/types.js';
import { InlineError } from '../../components/error-state.js';
import { Button } from '../../components/ui/button.js';
import { Field, Input } from '../../components/ui/input.js';
import { fieldError, serverFieldErrors } from '../../lib/errors.js';
import { useChecks } from '../../lib/use-checks.js';
import { useSubmit } from '../../lib/use-submit.js';
import { check, compact, password, required, type ValidationKey } from '../../lib/validation.js';

type RegisterField = 'name' | 'password';

export function validateInviteRegister(
  values: Record<RegisterField, string>,
): Partial<Record<RegisterField, ValidationKey>> {
  return compact({
    name: check(values.name, required),
    password: check(values.password, required, password),
  });
}

/** An invited person without an account creates one for the invited email, and joins at once. */
export function InviteRegisterForm({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const adoptMe = useAdoptMe();
  const [values, setValues] = useState<Record<RegisterField, string>>({ name: '', password: '' });
  const checks = useChecks(values, validateInviteRegister);
  // On success the app leaves this page: the button stays busy until it has.
  const registration = useSubmit({ busyAfterSuccess: true });
  const server = serverFieldErrors(registration.error);
  const errorOf = (field: RegisterField) =>
    checks.errors[field] !== undefined ? t(checks.errors[field]) : fieldError(server, field);
  const bind = (field: RegisterField) => ({
    value: values[field],
    onChange: (event: { target: { value: string } }) => setValues({ ...values, [field]: event.target.value }),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!checks.attempt()) return;
    await registration.run(async () => {
      await adoptMe(
        await api.invitations.register({ token, name: values.name.trim(), password: values.password }),
      );
      await navigate({ to: '/' });
    });
  }

  return (
    <form
      onSubmit={(event) => void submit(event)}
      noValidate
      className="space-y-4"
      data-testid="invite-register-form"
    >
      <div>
        <h2 className="text-sm font-semibold text-slate-900">{t('invite.registerTitle')}</h2>
        <p className="mt-1 text-sm text-slate-600">
          {t('invite.registerDescription', { space: preview.spaceName, role: t(`roles.${preview.role}`) })}
        </p>
      </div>
      <Field label={t('fields.email')} hint={t('invite.emailFixed')}>
        {(control) => (
          <Input
            {...control}
            value={preview.email}
            readOnly
            type="email"
            data-testid="invite-register-email"
          />
        )}
      </Field>
      <Field label={t('fields.name')} error={errorOf('name')}>
        {(control) => (
          <Input {...control} {...bind('name')} autoComplete="name" data-testid="invite-register-name" />
        )}
      </Field>
      <Field label={t('fields.password')} error={errorOf('password')} hint={t('fields.passwordHint')}>
        {(control) => (
          <Input
            {...control}
            {...bind('password')}
            type="password"
            autoComplete="new-password"
            data-testid="invite-register-password"
          />
        )}
      </Field>
      <InlineError error={registration.error} />
      <Button type="submit" className="w-full" loading={registration.busy} data-testid="invite-register-submit">
        {t('invite.registerSubmit')}
      </Button>
    </form>
  );
}
