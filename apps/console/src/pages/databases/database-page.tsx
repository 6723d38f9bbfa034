import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, usePermissions } from '../../api/queries.js';
import { DetailPage } from '../../components/detail-page.js';
import { NoAccess } from '../../components/no-access.js';
import { TabBar } from '../../components/tab-bar.js';
import { Badge } from '../../components/ui/badge.js';
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

  return (
    <DetailPage
      query={database}
      back={{ to: '/databases', label: t('databases.back') }}
      heading={(current) => ({
        name: <span className="font-mono">{current.name}</span>,
        badges:
          current.publishedAt === null ? (
            <Badge>{t('databases.notPublished')}</Badge>
          ) : (
            <Badge tone="success">{t('databases.publishedBadge')}</Badge>
          ),
        description: current.description === '' ? undefined : current.description,
      })}
    >
      {(current) => (
        <>
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
      )}
    </DetailPage>
  );
}
