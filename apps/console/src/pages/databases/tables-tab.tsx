import { useQuery } from '@tanstack/react-query';
import { Plus, Table2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import type { Database } from '../../api/database-types.js';
import { keys } from '../../api/queries.js';
import { ErrorState } from '../../components/error-state.js';
import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { EmptyState } from '../../components/ui/empty-state.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { cn } from '../../lib/cn.js';
import { CreateTableDialog } from './create-table-dialog.js';
import { TableDesigner } from './table-designer.js';

/** The development copy's tables: pick one to design it, or make a new one. */
export function TablesTab({ database, editable }: { database: Database; editable: boolean }) {
  const { t } = useTranslation();
  const tables = useQuery({
    queryKey: keys.databaseTables(database.id, 'dev'),
    queryFn: () => api.databases.tables(database.id, 'dev'),
  });
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const items = tables.data?.items ?? [];
  const current = items.find((table) => table.name === selected) ?? items[0];

  if (tables.isPending) return <SkeletonRows label={t('common.loading')} />;
  if (tables.data === undefined)
    return <ErrorState error={tables.error} onRetry={() => void tables.refetch()} />;
  const createButton = editable && (
    <Button size="sm" onClick={() => setCreating(true)} data-testid="table-create">
      <Plus className="size-3.5" aria-hidden />
      {t('databases.tables.create')}
    </Button>
  );
  return (
    <>
      {items.length === 0 ? (
        <Card>
          <EmptyState
            icon={Table2}
            title={t('databases.tables.empty')}
            description={t('databases.tables.emptyHint')}
            action={createButton}
          />
        </Card>
      ) : (
        <div className="grid items-start gap-4 lg:grid-cols-[14rem_1fr]">
          <Card className="p-2">
            <ul className="space-y-0.5">
              {items.map((table) => (
                <li key={table.name}>
                  <button
                    type="button"
                    onClick={() => setSelected(table.name)}
                    aria-current={table.name === current?.name || undefined}
                    className={cn(
                      'w-full truncate rounded-md px-2.5 py-1.5 text-left font-mono text-sm',
                      table.name === current?.name
                        ? 'bg-indigo-50 text-indigo-700'
                        : 'text-slate-700 hover:bg-slate-100',
                    )}
                    data-testid="table-item"
                    data-name={table.name}
                  >
                    {table.name}
                  </button>
                </li>
              ))}
            </ul>
            <div className="mt-2 border-t border-slate-100 pt-2">{createButton}</div>
          </Card>
          {current !== undefined && (
            <TableDesigner key={current.name} database={database} table={current} editable={editable} />
          )}
        </div>
      )}
      {creating && (
        <CreateTableDialog database={database} onClose={() => setCreating(false)} onCreated={setSelected} />
      )}
    </>
  );
}
