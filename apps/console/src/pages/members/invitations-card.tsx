import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Mail } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { Invitation } from '../../api/types.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { ErrorState } from '../../components/error-state.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { Card, CardHeader } from '../../components/ui/card.js';
import { EmptyState } from '../../components/ui/empty-state.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table.js';
import { useToast } from '../../components/ui/toast.js';
import { formatDateTime, formatRelative, personLabel } from '../../lib/format.js';

/** Pending invitations of the space (members.manage only). */
export function InvitationsCard({ onInvite }: { onInvite: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const invitations = useQuery({ queryKey: keys.invitations, queryFn: () => api.invitations.list() });
  const [revoking, setRevoking] = useState<Invitation | null>(null);

  return (
    <Card className="mt-6">
      <CardHeader title={t('invitations.title')} description={t('invitations.description')} />
      {invitations.isPending && <SkeletonRows rows={2} label={t('common.loading')} />}
      {invitations.isError && (
        <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />
      )}
      {invitations.data !== undefined && invitations.data.items.length === 0 && (
        <EmptyState
          icon={Mail}
          title={t('invitations.empty')}
          description={t('invitations.emptyHint')}
          action={
            <Button variant="secondary" onClick={onInvite}>
              {t('members.invite')}
            </Button>
          }
        />
      )}
      {invitations.data !== undefined && invitations.data.items.length > 0 && (
        <Table data-testid="invitations-table">
          <TableHead>
            <tr>
              <TableHeader>{t('fields.email')}</TableHeader>
              <TableHeader>{t('members.role')}</TableHeader>
              <TableHeader>{t('invitations.invitedBy')}</TableHeader>
              <TableHeader>{t('invitations.expires')}</TableHeader>
              <TableHeader className="text-right">
                <span className="sr-only">{t('common.actions')}</span>
              </TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {invitations.data.items.map((invitation) => (
              <TableRow key={invitation.id} data-testid="invitation-row" data-email={invitation.email}>
                <TableCell className="font-medium text-slate-900">{invitation.email}</TableCell>
                <TableCell>
                  <Badge>{t(`roles.${invitation.role}`)}</Badge>
                </TableCell>
                <TableCell className="text-slate-500">{personLabel(invitation.invitedBy) || '—'}</TableCell>
                <TableCell
                  className="whitespace-nowrap text-slate-500"
                  title={formatDateTime(invitation.expiresAt, i18n.language)}
                >
                  {formatRelative(invitation.expiresAt, i18n.language)}
                </TableCell>
                <TableCell className="text-right">
                  <Button
                    variant="ghost"
                    size="sm"
                    className="text-red-600 hover:bg-red-50"
                    onClick={() => setRevoking(invitation)}
                    data-testid="invitation-revoke"
                  >
                    {t('invitations.revoke')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('invitations.revokeTitle')}
        body={t('invitations.revokeBody', { email: revoking?.email })}
        confirmLabel={t('invitations.revoke')}
        onConfirm={async () => {
          if (revoking === null) return;
          await api.invitations.revoke(revoking.id);
          await queryClient.invalidateQueries({ queryKey: keys.invitations });
          toast.success(t('invitations.revoked'));
        }}
      />
    </Card>
  );
}
