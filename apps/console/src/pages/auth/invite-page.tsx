import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { MailOpen } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/index.js';
import { keys, meQuery, setupQuery, useAdoptMe } from '../../api/queries.js';
import { ErrorState, InlineError } from '../../components/error-state.js';
import { Button, buttonClass } from '../../components/ui/button.js';
import { Skeleton } from '../../components/ui/skeleton.js';
import { useToast } from '../../components/ui/toast.js';
import { useSubmit } from '../../lib/use-submit.js';
import { AuthLayout } from './auth-layout.js';
import { InviteRegisterForm } from './invite-register-form.js';

/** /invite?token=…: accept an invitation to a space, after signing in, or creating an account, when needed. */
export function InvitePage({ token }: { token: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const adoptMe = useAdoptMe();
  const toast = useToast();
  const queryClient = useQueryClient();
  const me = useQuery({ ...meQuery, retry: false });
  // On success the app leaves this page: the button stays busy until it has.
  const acceptance = useSubmit({ busyAfterSuccess: true });
  const signedOut = isApiError(me.error) && me.error.status === 401;
  const returnTo = `/invite?token=${encodeURIComponent(token)}`;

  async function accept() {
    await acceptance.run(async () => {
      const next = await api.invitations.accept(token);
      await adoptMe(next);
      toast.success(t('invite.joined', { name: next.currentSpace.name }));
      await navigate({ to: '/' });
    });
  }

  // An invitation is for one email address: whoever is signed in here may not be the invitee.
  async function switchAccount() {
    try {
      await api.auth.logout();
    } finally {
      queryClient.removeQueries({ queryKey: keys.me });
      await navigate({ to: '/signin', search: { returnTo } });
    }
  }

  if (token === '') {
    return (
      <AuthLayout title={t('invite.title')}>
        <p className="text-sm text-slate-600" data-testid="invite-missing">
          {t('invite.missingToken')}
        </p>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('invite.title')} description={t('invite.description')}>
      <div className="mb-6 flex justify-center">
        <span className="flex size-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600">
          <MailOpen className="size-6" aria-hidden />
        </span>
      </div>
      {me.isPending && <Skeleton className="h-9 w-full" />}
      {signedOut && <SignedOutInvite token={token} returnTo={returnTo} />}
      {me.isError && !signedOut && <ErrorState error={me.error} onRetry={() => void me.refetch()} compact />}
      {me.data !== undefined && (
        <div className="space-y-4">
          <p className="text-sm text-slate-600">{t('invite.signedInAs', { email: me.data.user.email })}</p>
          <InlineError error={acceptance.error} />
          <Button className="w-full" loading={acceptance.busy} onClick={() => void accept()} data-testid="invite-accept">
            {t('invite.accept')}
          </Button>
          <div className="flex justify-center gap-4 text-sm text-slate-500">
            <Link to="/" className="hover:text-slate-700">
              {t('invite.notNow')}
            </Link>
            <button
              type="button"
              className="hover:text-slate-700"
              onClick={() => void switchAccount()}
              data-testid="invite-switch-account"
            >
              {t('invite.otherAccount')}
            </button>
          </div>
        </div>
      )}
    </AuthLayout>
  );
}

/** Not signed in: a person without an account creates one here; one with an account signs in first. */
function SignedOutInvite({ token, returnTo }: { token: string; returnTo: string }) {
  const { t } = useTranslation();
  const preview = useQuery({
    queryKey: keys.invitationPreview(token),
    queryFn: () => api.invitations.preview(token),
    retry: false,
  });
  const setup = useQuery(setupQuery);
  if (preview.isPending) return <Skeleton className="h-9 w-full" />;
  if (preview.isError) {
    if (isApiError(preview.error) && preview.error.status === 404) {
      return (
        <p className="text-sm text-slate-600" data-testid="invite-not-found">
          {t('invite.notFound')}
        </p>
      );
    }
    return <ErrorState error={preview.error} onRetry={() => void preview.refetch()} compact />;
  }
  if (!preview.data.accountExists && setup.data?.localLogin !== false) {
    return <InviteRegisterForm token={token} preview={preview.data} />;
  }
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        {preview.data.accountExists ? t('invite.haveAccount') : t('invite.signInFirst')}
      </p>
      <Link
        to="/signin"
        search={{ returnTo }}
        className={buttonClass({ className: 'w-full' })}
        data-testid="invite-signin"
      >
        {t('invite.signIn')}
      </Link>
    </div>
  );
}
