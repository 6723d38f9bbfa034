import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DatabaseEnv, DatabaseTable } from '../../../api/database-types.js';
import { errorMessage } from '../../../lib/errors.js';

/** The chosen database's tables and their columns, to write the SQL or fill the conditions by. */
export function DatabaseTables({ env, tables }: { env: DatabaseEnv; tables: UseQueryResult<{ items: DatabaseTable[] }> }) {
  const { t } = useTranslation();
  const items = tables.data?.items ?? [];
  return (
    <div className="space-y-2 rounded-md bg-slate-50 px-3 py-2" data-testid="database-picker-tables" data-env={env}>
      <p className="text-[11px] font-medium text-slate-500">{t(`workflows.panel.database.tables.${env}`)}</p>
      {tables.isPending && <p className="text-[11px] text-slate-400">{t('common.loading')}</p>}
      {tables.isError && <p className="text-[11px] text-red-600">{t('workflows.panel.database.tablesFailed', { message: errorMessage(tables.error, t) })}</p>}
      {tables.isSuccess && items.length === 0 && <p className="text-[11px] text-slate-500">{t('workflows.panel.database.noTables')}</p>}
      {items.map((table) => (
        <div key={table.name} data-testid="database-picker-table-ref" data-name={table.name}>
          <p className="font-mono text-xs font-semibold text-slate-800" title={table.description ?? undefined}>
            {table.name}
            {table.userScoped && <span className="ml-1.5 font-sans text-[10px] font-normal text-slate-500">{t('workflows.panel.database.userScoped')}</span>}
          </p>
          <ul className="flex flex-wrap gap-x-2 gap-y-0.5">
            {table.columns.map((column) => (
              <li key={column.name} className={column.automatic ? 'font-mono text-[11px] text-slate-400' : 'font-mono text-[11px] text-slate-600'} data-testid="database-picker-column">
                {column.name} <span className="text-slate-400">{column.type === 'other' ? column.sqlType : column.type}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
