import { useQuery, useQueryClient } from '@tanstack/react-query';
import { KeyRound, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, usePermissions } from '../../api/queries.js';
import type { ApiKey } from '../../api/types.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { NoAccess } from '../../components/no-access.js';
import { PageHeader } from '../../components/page-header.js';
import { ResourceList } from '../../components/resource-list.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
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
      <ResourceList
        query={list}
        tableTestId="apikeys-table"
        rowKey={(key) => key.id}
        rowProps={(key) => ({
          'data-testid': 'apikey-row',
          'data-name': key.name,
          className: key.revokedAt === null ? '' : 'opacity-60',
        })}
        empty={{
          icon: KeyRound,
          title: t('apiKeys.empty'),
          description: t('apiKeys.emptyHint'),
          action: createButton('apikey-create-empty'),
        }}
        columns={[
          {
            header: t('apiKeys.name'),
            // On the cell's text, not the column: the header keeps its own colour.
            cell: (key) => <span className="font-medium text-slate-900">{key.name}</span>,
          },
          {
            header: t('apiKeys.prefix'),
            cell: (key) => (
              <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{key.prefix}…</code>
            ),
          },
          {
            header: t('apiKeys.createdBy'),
            className: 'text-slate-500',
            cell: (key) => personLabel(key.createdBy) || '—',
          },
          {
            header: t('apiKeys.created'),
            className: 'whitespace-nowrap text-slate-500',
            cell: (key) => formatDateTime(key.createdAt, i18n.language),
          },
          {
            header: t('apiKeys.lastUsed'),
            className: 'whitespace-nowrap text-slate-500',
            title: (key) => formatDateTime(key.lastUsedAt, i18n.language),
            cell: (key) =>
              key.lastUsedAt === null ? t('apiKeys.never') : formatRelative(key.lastUsedAt, i18n.language),
          },
          {
            header: t('apiKeys.status'),
            cell: (key) =>
              key.revokedAt === null ? (
                <Badge tone="success">{t('apiKeys.active')}</Badge>
              ) : (
                <Badge tone="danger" title={formatDateTime(key.revokedAt, i18n.language)}>
                  {t('apiKeys.revoked')}
                </Badge>
              ),
          },
          {
            // Revoking keeps the key in the list (greyed), so it is a column of its own, not a removal.
            header: <span className="sr-only">{t('common.actions')}</span>,
            className: 'text-right',
            cell: (key) =>
              manage &&
              key.revokedAt === null && (
                <Button
                  variant="ghost"
                  size="sm"
                  className="text-red-600 hover:bg-red-50"
                  onClick={() => setRevoking(key)}
                  data-testid="apikey-revoke"
                >
                  {t('apiKeys.revoke')}
                </Button>
              ),
          },
        ]}
      />
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
