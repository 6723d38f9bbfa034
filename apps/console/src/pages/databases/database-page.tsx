import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, usePermissions } from '../../api/queries.js';
import { ErrorState } from '../../components/error-state.js';
import { NoAccess } from '../../components/no-access.js';
import { PageHeader } from '../../components/page-header.js';
import { TabBar } from '../../components/tab-bar.js';
import { Badge } from '../../components/ui/badge.js';
import { Card } from '../../components/ui/card.js';
import { Skeleton } from '../../components/ui/skeleton.js';
import { DataTab } from './data-tab.js';
import { PublishTab } from './publish-tab.js';
import { SqlTab } from './sql-tab.js';
import { DATABASE_TABS, type DatabaseTab } from './tabs.js';
import { TablesTab } from './tables-tab.js';

/** One database: its tables (designed on development), its rows, a SQL console, and publishing to production. */
export function DatabasePage({
  databaseId,
  tab,
  onTab,
}: {
  databaseId: number;
  tab: DatabaseTab;
  onTab: (tab: DatabaseTab) => void;
}) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const editable = can('resources.edit');
  const database = useQuery({
    queryKey: keys.database(databaseId),
    queryFn: () => api.databases.get(databaseId),
    enabled: can('resources.view'),
  });
  if (!can('resources.view')) return <NoAccess />;

  const back = (
    <Link
      to="/databases"
      className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800"
    >
      <ArrowLeft className="size-4" aria-hidden />
      {t('databases.back')}
    </Link>
  );
  if (database.isPending)
    return (
      <div className="space-y-4" role="status" aria-label={t('common.loading')} data-testid="loading">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  if (database.data === undefined)
    return (
      <>
        {back}
        <Card>
          <ErrorState error={database.error} onRetry={() => void database.refetch()} />
        </Card>
      </>
    );

  const current = database.data;
  return (
    <>
      {back}
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2 font-mono">
            {current.name}
            {current.publishedAt === null ? (
              <Badge className="font-sans">{t('databases.notPublished')}</Badge>
            ) : (
              <Badge tone="success" className="font-sans">
                {t('databases.publishedBadge')}
              </Badge>
            )}
          </span>
        }
        description={current.description === '' ? undefined : current.description}
      />
      <TabBar
        tabs={DATABASE_TABS}
        current={tab}
        onTab={onTab}
        label={current.name}
        labelOf={(item) => t(`databases.tabs.${item}`)}
        testIdPrefix="database-tab-"
      />
      {tab === 'tables' && <TablesTab database={current} editable={editable} />}
      {tab === 'data' && <DataTab database={current} editable={editable} />}
      {tab === 'sql' && <SqlTab database={current} editable={editable} />}
      {tab === 'publish' && <PublishTab database={current} editable={editable} />}
    </>
  );
}
