import { useQuery } from '@tanstack/react-query';
import { Table2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import type { Database, DatabaseEnv } from '../../api/database-types.js';
import { keys } from '../../api/queries.js';
import { ErrorState } from '../../components/error-state.js';
import { Card } from '../../components/ui/card.js';
import { EmptyState } from '../../components/ui/empty-state.js';
import { Select } from '../../components/ui/select.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { EnvSelect } from './env-select.js';
import { RowsBrowser } from './rows-browser.js';

/** The rows of one table of either copy: filters, sorting, paging, changes, CSV in and out. */
export function DataTab({ database, editable }: { database: Database; editable: boolean }) {
  const { t } = useTranslation();
  const [env, setEnv] = useState<DatabaseEnv>('dev');
  const [chosen, setChosen] = useState('');
  const tables = useQuery({
    queryKey: keys.databaseTables(database.id, env),
    queryFn: () => api.databases.tables(database.id, env),
  });
  if (tables.isPending) return <SkeletonRows label={t('common.loading')} />;
  if (tables.data === undefined)
    return <ErrorState error={tables.error} onRetry={() => void tables.refetch()} />;
  const items = tables.data.items;
  const table = items.find((item) => item.name === chosen) ?? items[0];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <EnvSelect value={env} onChange={setEnv} testId="data-env" />
        {items.length > 0 && (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            {t('databases.data.table')}
            <Select
              className="w-56"
              value={table?.name ?? ''}
              onChange={(event) => setChosen(event.target.value)}
              data-testid="data-table"
            >
              {items.map((item) => (
                <option key={item.name} value={item.name}>
                  {item.name}
                </option>
              ))}
            </Select>
          </label>
        )}
      </div>
      {table === undefined ? (
        <Card>
          <EmptyState
            icon={Table2}
            title={t('databases.tables.empty')}
            description={env === 'prod' ? t('databases.data.prodEmpty') : t('databases.tables.emptyHint')}
          />
        </Card>
      ) : (
        <RowsBrowser
          key={`${env}-${table.name}`}
          database={database}
          table={table}
          env={env}
          editable={editable}
        />
      )}
    </div>
  );
}
