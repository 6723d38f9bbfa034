import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Building2, UserPlus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, useMe, usePermissions } from '../../api/queries.js';
import type { Member, Role } from '../../api/types.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { ErrorState } from '../../components/error-state.js';
import { NoAccess } from '../../components/no-access.js';
import { PageHeader } from '../../components/page-header.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { Card, CardHeader } from '../../components/ui/card.js';
import { EmptyState } from '../../components/ui/empty-state.js';
import { Select } from '../../components/ui/select.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table.js';
import { useToast } from '../../components/ui/toast.js';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { Avatar } from '../../shell/user-menu.js';
import { InvitationsCard } from './invitations-card.js';
import { InviteDialog } from './invite-dialog.js';

const ROLES: Role[] = ['owner', 'admin', 'editor', 'viewer'];

/** Roles a person may hand out (the server checks the same): an owner any, an admin up to admin. */
export function grantableRoles(myRole: Role): Role[] {
  if (myRole === 'owner') return ROLES;
  if (myRole === 'admin') return ['admin', 'editor', 'viewer'];
  return [];
}

export function MembersPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { can } = usePermissions();
  const queryClient = useQueryClient();
  const toast = useToast();
  const manage = can('members.manage');
  const team = me.currentSpace.kind === 'team';
  const members = useQuery({
    queryKey: keys.members,
    queryFn: () => api.members.list(),
    enabled: can('members.view'),
  });
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [changing, setChanging] = useState<string | null>(null);

  if (!can('members.view')) return <NoAccess />;

  async function changeRole(member: Member, role: Role) {
    setChanging(member.userId);
    try {
      await api.members.changeRole(member.userId, role);
      await queryClient.invalidateQueries({ queryKey: keys.members });
      toast.success(
        t('members.roleChanged', { name: member.name || member.email, role: t(`roles.${role}`) }),
      );
    } catch (error) {
      toast.error(errorMessage(error, t));
    } finally {
      setChanging(null);
    }
  }

  const grantable = grantableRoles(me.currentSpace.role);
  const inviteButton = manage && team && (
    <Button onClick={() => setInviting(true)} data-testid="invite-open">
      <UserPlus className="size-4" aria-hidden />
      {t('members.invite')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('members.title')}
        description={t('members.description', { space: me.currentSpace.name })}
        actions={inviteButton}
      />
      {!team && (
        <Card
          className="mb-6 flex items-center gap-3 px-5 py-4 text-sm text-slate-600"
          data-testid="personal-space-hint"
        >
          <Building2 className="size-5 shrink-0 text-indigo-600" aria-hidden />
          {t('members.personalHint')}
        </Card>
      )}
      <Card>
        <CardHeader title={t('members.listTitle')} />
        {members.isPending && <SkeletonRows label={t('common.loading')} />}
        {members.isError && <ErrorState error={members.error} onRetry={() => void members.refetch()} />}
        {members.data !== undefined && members.data.items.length === 0 && (
          <EmptyState icon={UserPlus} title={t('members.empty')} />
        )}
        {members.data !== undefined && members.data.items.length > 0 && (
          <Table data-testid="members-table">
            <TableHead>
              <tr>
                <TableHeader>{t('members.person')}</TableHeader>
                <TableHeader>{t('members.role')}</TableHeader>
                <TableHeader>{t('members.joined')}</TableHeader>
                <TableHeader className="text-right">
                  <span className="sr-only">{t('common.actions')}</span>
                </TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {members.data.items.map((member, _index, all) => {
                const self = member.userId === me.user.id;
                // The last owner cannot leave (the server says last_owner): do not offer it.
                const lastOwner =
                  member.role === 'owner' && all.filter((other) => other.role === 'owner').length === 1;
                const editable = manage && team && grantable.includes(member.role);
                return (
                  <TableRow key={member.userId} data-testid="member-row" data-email={member.email}>
                    <TableCell>
                      <div className="flex items-center gap-3">
                        <Avatar name={member.name || member.email} />
                        <div className="min-w-0">
                          <p className="truncate font-medium text-slate-900">
                            {member.name}
                            {self && (
                              <span className="ml-2 text-xs font-normal text-slate-400">
                                {t('members.you')}
                              </span>
                            )}
                          </p>
                          <p className="truncate text-xs text-slate-500">{member.email}</p>
                        </div>
                      </div>
                    </TableCell>
                    <TableCell>
                      {editable ? (
                        <Select
                          aria-label={t('members.changeRoleOf', { name: member.name || member.email })}
                          value={member.role}
                          disabled={changing === member.userId}
                          onChange={(event) => void changeRole(member, event.target.value as Role)}
                          className="w-36"
                          data-testid="member-role-select"
                        >
                          {grantable.map((role) => (
                            <option key={role} value={role}>
                              {t(`roles.${role}`)}
                            </option>
                          ))}
                        </Select>
                      ) : (
                        <Badge tone={member.role === 'owner' ? 'brand' : 'neutral'} data-testid="member-role">
                          {t(`roles.${member.role}`)}
                        </Badge>
                      )}
                    </TableCell>
                    <TableCell className="whitespace-nowrap text-slate-500">
                      {formatDateTime(member.joinedAt, i18n.language)}
                    </TableCell>
                    <TableCell className="text-right">
                      {team && (manage || self) && !lastOwner && (
                        <Button
                          variant="ghost"
                          size="sm"
                          onClick={() => setRemoving(member)}
                          data-testid="member-remove"
                          className="text-red-600 hover:bg-red-50"
                        >
                          {self ? t('members.leave') : t('members.remove')}
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </Card>
      {manage && team && <InvitationsCard onInvite={() => setInviting(true)} />}
      <InviteDialog
        open={inviting}
        onClose={() => setInviting(false)}
        roles={grantable.filter((role) => role !== 'owner')}
      />
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={removing?.userId === me.user.id ? t('members.leaveTitle') : t('members.removeTitle')}
        body={
          removing?.userId === me.user.id
            ? t('members.leaveBody', { space: me.currentSpace.name })
            : t('members.removeBody', {
                name: removing?.name || removing?.email,
                space: me.currentSpace.name,
              })
        }
        confirmLabel={removing?.userId === me.user.id ? t('members.leave') : t('members.remove')}
        onConfirm={async () => {
          if (removing === null) return;
          await api.members.remove(removing.userId);
          if (removing.userId === me.user.id) {
            // Left the space: the server falls back to another one.
            await queryClient.invalidateQueries({ queryKey: keys.me });
            await queryClient.resetQueries({ queryKey: keys.space });
          } else {
            await queryClient.invalidateQueries({ queryKey: keys.members });
          }
          toast.success(t('members.removed'));
        }}
      />
    </>
  );
}
