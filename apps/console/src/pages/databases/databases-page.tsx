import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Copy, Database as DatabaseIcon, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import type { Database } from '../../api/database-types.js';
import { keys, usePermissions } from '../../api/queries.js';
import { NoAccess } from '../../components/no-access.js';
import { PageHeader } from '../../components/page-header.js';
import { ResourceList } from '../../components/resource-list.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { useToast } from '../../components/ui/toast.js';
import { formatRelative } from '../../lib/format.js';
import { DatabaseNameDialog } from './database-name-dialog.js';

/** The space's databases for agents and workflows: create, clone, open, delete (both copies). */
export function DatabasesPage() {
  const { t, i18n } = useTranslation();
  const { can } = usePermissions();
  const queryClient = useQueryClient();
  const toast = useToast();
  const edit = can('resources.edit');
  const list = useQuery({
    queryKey: keys.databases,
    queryFn: () => api.databases.list(),
    enabled: can('resources.view'),
  });
  const [creating, setCreating] = useState(false);
  const [cloning, setCloning] = useState<Database | undefined>(undefined);
  if (!can('resources.view')) return <NoAccess />;

  const createButton = (testId: string) =>
    edit && (
      <Button onClick={() => setCreating(true)} data-testid={testId}>
        <Plus className="size-4" aria-hidden />
        {t('databases.create')}
      </Button>
    );

  return (
    <>
      <PageHeader
        title={t('databases.title')}
        description={t('databases.description')}
        actions={createButton('database-create')}
      />
      <ResourceList
        query={list}
        tableTestId="database-table"
        rowKey={(database) => database.id}
        rowProps={(database) => ({
          'data-testid': 'database-row',
          'data-name': database.name,
          'data-database-id': database.id,
        })}
        empty={{
          icon: DatabaseIcon,
          title: t('databases.empty'),
          description: edit ? t('databases.emptyHint') : undefined,
          action: createButton('database-create-empty'),
        }}
        columns={[
          {
            header: t('databases.name'),
            cell: (database) => (
              <>
                <Link
                  to="/databases/$databaseId"
                  params={{ databaseId: String(database.id) }}
                  className="font-mono font-medium text-slate-900 hover:text-indigo-700 hover:underline"
                  data-testid="database-open"
                >
                  {database.name}
                </Link>
                {database.description !== '' && (
                  <p className="mt-0.5 truncate text-xs text-slate-500">{database.description}</p>
                )}
              </>
            ),
          },
          {
            header: t('databases.published'),
            cell: (database) =>
              database.publishedAt === null ? (
                <Badge>{t('databases.notPublished')}</Badge>
              ) : (
                <Badge tone="success">{formatRelative(database.publishedAt, i18n.language)}</Badge>
              ),
          },
          {
            header: t('databases.updated'),
            className: 'whitespace-nowrap text-slate-500',
            cell: (database) => formatRelative(database.updatedAt, i18n.language),
          },
          {
            header: <span className="sr-only">{t('databases.clone')}</span>,
            className: 'text-right',
            cell: (database) =>
              edit && (
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => setCloning(database)}
                  data-testid="database-clone"
                >
                  <Copy className="size-3.5" aria-hidden />
                  {t('databases.clone')}
                </Button>
              ),
          },
        ]}
        remove={
          edit
            ? {
                testId: 'database-delete',
                title: t('databases.deleteTitle'),
                body: (database) => t('databases.deleteBody', { name: database.name }),
                run: async (database) => {
                  await api.databases.remove(database.id);
                  queryClient.removeQueries({ queryKey: keys.database(database.id) });
                  await queryClient.invalidateQueries({ queryKey: keys.databases, exact: true });
                  toast.success(t('databases.deleted', { name: database.name }));
                },
              }
            : undefined
        }
      />
      <DatabaseNameDialog open={creating} onClose={() => setCreating(false)} />
      <DatabaseNameDialog
        key={cloning?.id}
        source={cloning}
        open={cloning !== undefined}
        onClose={() => setCloning(undefined)}
      />
    </>
  );
}
