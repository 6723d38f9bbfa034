import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowDown, ArrowUp, Download, Pencil, Plus, Trash2, Upload } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import type { Database, DatabaseEnv, DatabaseTable, Row } from '../../api/database-types.js';
import { keys } from '../../api/queries.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { ErrorState, InlineError } from '../../components/error-state.js';
import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { CsvImportDialog } from './csv-import-dialog.js';
import { downloadText } from './download.js';
import { ResultGrid } from './result-grid.js';
import { RowDialog } from './row-dialog.js';
import { RowFilters, toFilters, type FilterDraft } from './row-filters.js';
import { keyColumn } from './row-values.js';

const PAGE_SIZE = 50;

/** A page of a table's rows with filters, sorting, selection, row changes, CSV import and export. */
export function RowsBrowser({
  database,
  table,
  env,
  editable,
}: {
  database: Database;
  table: DatabaseTable;
  env: DatabaseEnv;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<FilterDraft[]>([]);
  const [sort, setSort] = useState<{ column: string; direction: 'asc' | 'desc' } | null>(null);
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<unknown[]>([]);
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const key = keyColumn(table.columns);
  const body = {
    env,
    filters: toFilters(filters),
    sort: sort === null ? [] : [sort],
    limit: PAGE_SIZE,
    offset,
  };
  const rows = useQuery({
    queryKey: keys.databaseRows(database.id, table.name, body),
    queryFn: () => api.databases.rows(database.id, table.name, body),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.databaseRows(database.id) });
  const changeFilters = (next: FilterDraft[]) => {
    setFilters(next);
    setOffset(0);
  };
  const toggleSort = (column: string) => {
    setSort(
      sort?.column !== column
        ? { column, direction: 'asc' }
        : sort.direction === 'asc'
          ? { column, direction: 'desc' }
          : null,
    );
    setOffset(0);
  };

  async function exportCsv() {
    setError(null);
    try {
      downloadText(
        await api.databases.exportCsv(database.id, table.name, env),
        `${table.name}-${env}.csv`,
        'text/csv',
      );
    } catch (failure) {
      setError(failure);
    }
  }

  const page = rows.data;
  return (
    <div className="space-y-4">
      <Card className="space-y-3 p-4">
        <RowFilters columns={table.columns} filters={filters} onChange={changeFilters} />
        <div className="flex flex-wrap gap-2 border-t border-slate-100 pt-3">
          {editable && (
            <>
              <Button size="sm" onClick={() => setEditing('new')} data-testid="data-row-add">
                <Plus className="size-3.5" aria-hidden />
                {t('databases.data.add')}
              </Button>
              <Button
                size="sm"
                variant="destructive-outline"
                disabled={selected.length === 0}
                onClick={() => setRemoving(true)}
                data-testid="data-rows-delete"
              >
                <Trash2 className="size-3.5" aria-hidden />
                {t('databases.data.deleteSelected', { count: selected.length })}
              </Button>
              <Button
                size="sm"
                variant="secondary"
                onClick={() => setImporting(true)}
                data-testid="data-import"
              >
                <Upload className="size-3.5" aria-hidden />
                {t('databases.data.import')}
              </Button>
            </>
          )}
          <Button size="sm" variant="secondary" onClick={() => void exportCsv()} data-testid="data-export">
            <Download className="size-3.5" aria-hidden />
            {t('databases.data.export')}
          </Button>
        </div>
        <InlineError error={error} />
      </Card>
      {page === undefined && rows.isPending && <SkeletonRows label={t('common.loading')} />}
      {page === undefined && rows.isError && (
        <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />
      )}
      {page !== undefined && (
        <Card className="space-y-3 p-4">
          {rows.isError && <InlineError error={rows.error} />}
          <ResultGrid
            columns={table.columns.map((column) => column.name)}
            rows={page.rows}
            rowTestId="data-row"
            data-testid="data-grid"
            header={(column) => (
              <button
                type="button"
                className="inline-flex items-center gap-1 hover:text-slate-900"
                onClick={() => toggleSort(column)}
                data-testid="data-sort"
                data-column={column}
              >
                {column}
                {sort?.column === column &&
                  (sort.direction === 'asc' ? (
                    <ArrowUp className="size-3" aria-label="asc" />
                  ) : (
                    <ArrowDown className="size-3" aria-label="desc" />
                  ))}
              </button>
            )}
            lead={
              editable
                ? (row) => (
                    <input
                      type="checkbox"
                      aria-label={t('databases.data.select')}
                      className="size-3.5 rounded border-slate-300"
                      checked={selected.includes(row[key])}
                      onChange={(event) =>
                        setSelected(
                          event.target.checked
                            ? [...selected, row[key]]
                            : selected.filter((id) => id !== row[key]),
                        )
                      }
                      data-testid="data-row-select"
                    />
                  )
                : undefined
            }
            trail={
              editable
                ? (row) => (
                    <Button
                      variant="ghost"
                      size="icon"
                      aria-label={t('databases.data.editTitle')}
                      onClick={() => setEditing(row)}
                      data-testid="data-row-edit"
                    >
                      <Pencil className="size-3.5" aria-hidden />
                    </Button>
                  )
                : undefined
            }
          />
          <div className="flex items-center justify-between text-sm text-slate-500">
            <span data-testid="data-total">
              {t('databases.data.range', {
                from: page.total === 0 ? 0 : offset + 1,
                to: offset + page.rows.length,
                total: page.total,
              })}
            </span>
            <div className="flex gap-2">
              <Button
                size="sm"
                variant="secondary"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
                data-testid="data-prev"
              >
                {t('databases.data.previous')}
              </Button>
              <Button
                size="sm"
                variant="secondary"
                disabled={offset + PAGE_SIZE >= page.total}
                onClick={() => setOffset(offset + PAGE_SIZE)}
                data-testid="data-next"
              >
                {t('databases.data.next')}
              </Button>
            </div>
          </div>
        </Card>
      )}
      {editing !== null && (
        <RowDialog
          columns={table.columns}
          row={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSave={async (values) => {
            if (editing === 'new') await api.databases.insertRows(database.id, table.name, env, [values]);
            else await api.databases.updateRow(database.id, table.name, String(editing[key]), env, values);
            await refresh();
          }}
        />
      )}
      {importing && (
        <CsvImportDialog
          database={database}
          table={table.name}
          env={env}
          onClose={() => setImporting(false)}
          onImported={refresh}
        />
      )}
      <ConfirmDialog
        open={removing}
        onClose={() => setRemoving(false)}
        title={t('databases.data.deleteTitle')}
        body={t('databases.data.deleteBody', { count: selected.length })}
        confirmLabel={t('common.delete')}
        onConfirm={async () => {
          await api.databases.removeRows(database.id, table.name, env, selected as (string | number)[]);
          setSelected([]);
          await refresh();
        }}
      />
    </div>
  );
}
