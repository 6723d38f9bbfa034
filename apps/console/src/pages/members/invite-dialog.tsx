import { useQueryClient } from '@tanstack/react-query';
import { TriangleAlert } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { CreatedInvitation, InvitableRole, Role } from '../../api/types.js';
import { CopyField } from '../../components/copy-field.js';
import { FormFooter } from '../../components/form-footer.js';
import { Button } from '../../components/ui/button.js';
import { Dialog } from '../../components/ui/dialog.js';
import { Field, Input } from '../../components/ui/input.js';
import { Select } from '../../components/ui/select.js';
import { fieldError, serverFieldErrors } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { check, email, required } from '../../lib/validation.js';
import { useChecks } from '../../lib/use-checks.js';
import { useSubmit } from '../../lib/use-submit.js';

/** Invite by email and role; the link is shown once, to be sent by the inviter. */
export function InviteDialog({
  open,
  onClose,
  roles,
}: {
  open: boolean;
  onClose: () => void;
  roles: Role[];
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [address, setAddress] = useState('');
  const [role, setRole] = useState<InvitableRole>('editor');
  const checks = useChecks(address, (value: string) => ({ email: check(value, required, email) }));
  const invalid = checks.errors.email;
  const invitation = useSubmit();
  const [created, setCreated] = useState<CreatedInvitation | null>(null);

  function close() {
    setAddress('');
    setRole('editor');
    checks.reset();
    invitation.reset();
    setCreated(null);
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!checks.attempt()) return;
    await invitation.run(async () => {
      setCreated(await api.invitations.create({ email: address.trim(), role }));
      await queryClient.invalidateQueries({ queryKey: keys.invitations });
    });
  }

  if (created !== null) {
    return (
      <Dialog
        open={open}
        onClose={close}
        title={t('invite.createdTitle')}
        description={t('invite.createdDescription', { email: created.email })}
        dismissible={false}
        data-testid="invite-created"
      >
        <div className="space-y-4">
          <CopyField
            value={created.acceptUrl}
            label={t('invite.link')}
            testId="invite-url"
            copyTestId="invite-copy"
          />
          <div className="flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2.5 text-sm text-amber-800">
            <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>
              {t('invite.onceWarning', { expires: formatDateTime(created.expiresAt, i18n.language) })}
            </span>
          </div>
          <div className="flex justify-end">
            <Button onClick={close} data-testid="invite-done">
              {t('common.done')}
            </Button>
          </div>
        </div>
      </Dialog>
    );
  }

  const serverErrors = serverFieldErrors(invitation.error);
  const emailError = invalid === undefined ? fieldError(serverErrors, 'email') : t(invalid);
  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('invite.createTitle')}
      description={t('invite.createDescription')}
      size="sm"
    >
      <form
        onSubmit={(event) => void submit(event)}
        noValidate
        className="space-y-4"
        data-testid="invite-form"
      >
        <Field label={t('fields.email')} error={emailError}>
          {(control) => (
            <Input
              {...control}
              type="email"
              value={address}
              onChange={(event) => setAddress(event.target.value)}
              placeholder="name@example.com"
              data-testid="invite-email"
            />
          )}
        </Field>
        <Field
          label={t('members.role')}
          error={fieldError(serverErrors, 'role')}
          hint={t(`roleHints.${role}`)}
        >
          {(control) => (
            <Select
              {...control}
              value={role}
              onChange={(event) => setRole(event.target.value as InvitableRole)}
              data-testid="invite-role"
            >
              {roles.map((option) => (
                <option key={option} value={option}>
                  {t(`roles.${option}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <FormFooter
          error={invitation.error}
          busy={invitation.busy}
          onCancel={close}
          submitLabel={t('invite.submit')}
          submitTestId="invite-submit"
        />
      </form>
    </Dialog>
  );
}
