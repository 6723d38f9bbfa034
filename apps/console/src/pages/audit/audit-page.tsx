import { useInfiniteQuery } from '@tanstack/react-query';
import { ScrollText } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import type { AuditScope } from '../../api/endpoints.js';
import { keys, useMe, usePermissions } from '../../api/queries.js';
import { AUDIT_ACTIONS, type AuditEntry } from '../../api/types.js';
import { ErrorState, InlineError } from '../../components/error-state.js';
import { NoAccess } from '../../components/no-access.js';
import { PageHeader } from '../../components/page-header.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { EmptyState } from '../../components/ui/empty-state.js';
import { Select } from '../../components/ui/select.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table.js';
import { formatDateTime } from '../../lib/format.js';

const PAGE_SIZE = 50;

function tone(action: string): 'danger' | 'warning' | 'success' | 'neutral' {
  if (action.endsWith('failed') || action.endsWith('locked')) return 'danger';
  if (action.endsWith('deleted') || action.endsWith('revoked') || action.endsWith('removed'))
    return 'warning';
  if (action.endsWith('created') || action.endsWith('joined')) return 'success';
  return 'neutral';
}

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

function detailsText(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object' || Array.isArray(details)) return valueText(details);
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${valueText(value)}`)
    .join(' · ');
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const { can } = usePermissions();
  const me = useMe();
  // Everyone may read their own activity; the space's trail needs audit.view.
  const [scope, setScope] = useState<AuditScope>(can('audit.view') ? 'space' : 'mine');
  const [action, setAction] = useState('');
  const allowed =
    scope === 'mine' ||
    (scope === 'space' && can('audit.view')) ||
    (scope === 'platform' && me.user.platformAdmin);
  const entries = useInfiniteQuery({
    queryKey: keys.audit(scope, action),
    queryFn: ({ pageParam }) =>
      api.audit.list({
        cursor: pageParam,
        limit: PAGE_SIZE,
        scope,
        action: action === '' ? undefined : action,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: allowed,
  });

  if (!allowed) return <NoAccess />;
  const rows: AuditEntry[] = entries.data?.pages.flatMap((page) => page.items) ?? [];
  const actionLabel = (name: string) =>
    (AUDIT_ACTIONS as readonly string[]).includes(name)
      ? t(`auditActions.${name as (typeof AUDIT_ACTIONS)[number]}`)
      : name;

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        actions={
          <div className="flex gap-2">
            <Select
              aria-label={t('audit.scope')}
              value={scope}
              onChange={(event) => setScope(event.target.value as AuditScope)}
              className="w-44"
              data-testid="audit-scope"
            >
              {can('audit.view') && <option value="space">{t('audit.scopeSpace')}</option>}
              <option value="mine">{t('audit.scopeMine')}</option>
              {me.user.platformAdmin && <option value="platform">{t('audit.scopePlatform')}</option>}
            </Select>
            <Select
              aria-label={t('audit.filter')}
              value={action}
              onChange={(event) => setAction(event.target.value)}
              className="w-60"
              data-testid="audit-action-filter"
            >
              <option value="">{t('audit.allActions')}</option>
              {AUDIT_ACTIONS.map((name) => (
                <option key={name} value={name}>
                  {actionLabel(name)}
                </option>
              ))}
            </Select>
          </div>
        }
      />
      <Card>
        {entries.isPending && <SkeletonRows rows={6} label={t('common.loading')} />}
        {entries.isError && rows.length === 0 && (
          <ErrorState error={entries.error} onRetry={() => void entries.refetch()} />
        )}
        {entries.isSuccess && rows.length === 0 && (
          <EmptyState
            icon={ScrollText}
            title={action === '' ? t('audit.empty') : t('audit.emptyFiltered')}
            description={t('audit.emptyHint')}
          />
        )}
        {rows.length > 0 && (
          <Table data-testid="audit-table">
            <TableHead>
              <tr>
                <TableHeader>{t('audit.time')}</TableHeader>
                <TableHeader>{t('audit.action')}</TableHeader>
                <TableHeader>{t('audit.actor')}</TableHeader>
                <TableHeader>{t('audit.target')}</TableHeader>
                <TableHeader>{t('audit.details')}</TableHeader>
                <TableHeader>{t('audit.ip')}</TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {rows.map((entry) => (
                <TableRow key={entry.id} data-testid="audit-row" data-action={entry.action}>
                  <TableCell className="whitespace-nowrap text-slate-500">
                    {formatDateTime(entry.createdAt, i18n.language)}
                  </TableCell>
                  <TableCell>
                    <Badge tone={tone(entry.action)} title={entry.action}>
                      {actionLabel(entry.action)}
                    </Badge>
                  </TableCell>
                  <TableCell className="text-slate-700">
                    {entry.actor?.email ?? <span className="text-slate-400">{t('audit.system')}</span>}
                  </TableCell>
                  <TableCell className="font-mono text-xs text-slate-500">
                    {entry.target === null ? (
                      '—'
                    ) : (
                      <div
                        className="max-w-[11rem] truncate"
                        title={`${entry.target.type}:${entry.target.id}`}
                      >
                        <span className="text-slate-700">{entry.target.type}</span>:{entry.target.id}
                      </div>
                    )}
                  </TableCell>
                  <TableCell className="text-xs text-slate-500">
                    <div className="max-w-[13rem] truncate" title={detailsText(entry.details)}>
                      {detailsText(entry.details) || '—'}
                    </div>
                  </TableCell>
                  <TableCell className="whitespace-nowrap font-mono text-xs text-slate-500">
                    {entry.ip ?? '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {entries.isFetchNextPageError && (
          <div className="px-4 pb-2">
            <InlineError error={entries.error} />
          </div>
        )}
        {entries.hasNextPage && (
          <div className="flex justify-center border-t border-slate-100 p-3">
            <Button
              variant="secondary"
              size="sm"
              loading={entries.isFetchingNextPage}
              onClick={() => void entries.fetchNextPage()}
              data-testid="audit-load-more"
            >
              {t('audit.loadMore')}
            </Button>
          </div>
        )}
      </Card>
    </>
  );
}
