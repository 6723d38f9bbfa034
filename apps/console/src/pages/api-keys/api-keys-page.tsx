import { useQuery, useQueryClient } from '@tanstack/react-query';
import { KeyRound, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, usePermissions } from '../../api/queries.js';
import type { ApiKey } from '../../api/types.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { ErrorState } from '../../components/error-state.js';
import { NoAccess } from '../../components/no-access.js';
import { PageHeader } from '../../components/page-header.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { EmptyState } from '../../components/ui/empty-state.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table.js';
import { useToast } from '../../components/ui/toast.js';
import { formatDateTime, formatRelative, personLabel } from '../../lib/format.js';
import { CreateKeyDialog } from './create-key-dialog.js';

export function ApiKeysPage() {
  const { t, i18n } = useTranslation();
  const { can } = usePermissions();
  const queryClient = useQueryClient();
  const toast = useToast();
  const manage = can('apikeys.manage');
  const list = useQuery({
    queryKey: keys.apiKeys,
    queryFn: () => api.apiKeys.list(),
    enabled: can('apikeys.view'),
  });
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  if (!can('apikeys.view')) return <NoAccess />;

  const createButton = (testId: string) =>
    manage && (
      <Button onClick={() => setCreating(true)} data-testid={testId}>
        <Plus className="size-4" aria-hidden />
        {t('apiKeys.create')}
      </Button>
    );

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        description={t('apiKeys.description')}
        actions={createButton('apikey-create')}
      />
      <Card>
        {list.isPending && <SkeletonRows label={t('common.loading')} />}
        {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
        {list.data !== undefined && list.data.items.length === 0 && (
          <EmptyState
            icon={KeyRound}
            title={t('apiKeys.empty')}
            description={t('apiKeys.emptyHint')}
            action={createButton('apikey-create-empty')}
          />
        )}
        {list.data !== undefined && list.data.items.length > 0 && (
          <Table data-testid="apikeys-table">
            <TableHead>
              <tr>
                <TableHeader>{t('apiKeys.name')}</TableHeader>
                <TableHeader>{t('apiKeys.prefix')}</TableHeader>
                <TableHeader>{t('apiKeys.createdBy')}</TableHeader>
                <TableHeader>{t('apiKeys.created')}</TableHeader>
                <TableHeader>{t('apiKeys.lastUsed')}</TableHeader>
                <TableHeader>{t('apiKeys.status')}</TableHeader>
                <TableHeader className="text-right">
                  <span className="sr-only">{t('common.actions')}</span>
                </TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {list.data.items.map((key) => (
                <TableRow
                  key={key.id}
                  data-testid="apikey-row"
                  data-name={key.name}
                  className={key.revokedAt === null ? '' : 'opacity-60'}
                >
                  <TableCell className="font-medium text-slate-900">{key.name}</TableCell>
                  <TableCell>
                    <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                      {key.prefix}…
                    </code>
                  </TableCell>
                  <TableCell className="text-slate-500">{personLabel(key.createdBy) || '—'}</TableCell>
                  <TableCell className="whitespace-nowrap text-slate-500">
                    {formatDateTime(key.createdAt, i18n.language)}
                  </TableCell>
                  <TableCell
                    className="whitespace-nowrap text-slate-500"
                    title={formatDateTime(key.lastUsedAt, i18n.language)}
                  >
                    {key.lastUsedAt === null
                      ? t('apiKeys.never')
                      : formatRelative(key.lastUsedAt, i18n.language)}
                  </TableCell>
                  <TableCell>
                    {key.revokedAt === null ? (
                      <Badge tone="success">{t('apiKeys.active')}</Badge>
                    ) : (
                      <Badge tone="danger" title={formatDateTime(key.revokedAt, i18n.language)}>
                        {t('apiKeys.revoked')}
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell className="text-right">
                    {manage && key.revokedAt === null && (
                      <Button
                        variant="ghost"
                        size="sm"
                        className="text-red-600 hover:bg-red-50"
                        onClick={() => setRevoking(key)}
                        data-testid="apikey-revoke"
                      >
                        {t('apiKeys.revoke')}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      <CreateKeyDialog open={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('apiKeys.revokeTitle')}
        body={t('apiKeys.revokeBody', { name: revoking?.name })}
        confirmLabel={t('apiKeys.revoke')}
        onConfirm={async () => {
          if (revoking === null) return;
          await api.apiKeys.revoke(revoking.id);
          await queryClient.invalidateQueries({ queryKey: keys.apiKeys });
          toast.success(t('apiKeys.revokedToast', { name: revoking.name }));
        }}
      />
    </>
  );
}
