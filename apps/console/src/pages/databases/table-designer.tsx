import { useQueryClient } from '@tanstack/react-query';
import { Pencil, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import type { Database, DatabaseColumn, DatabaseTable } from '../../api/database-types.js';
import { keys } from '../../api/queries.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { InlineError } from '../../components/error-state.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { Card, CardHeader } from '../../components/ui/card.js';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table.js';
import { ColumnDialog } from './column-dialog.js';
import { toColumnInput, toColumnPatch } from './column-model.js';

/** One table of development: its columns (those the platform fills are read-only), user scoping, deletion. */
export function TableDesigner({
  database,
  table,
  editable,
}: {
  database: Database;
  table: DatabaseTable;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<DatabaseColumn | 'new' | null>(null);
  const [dropping, setDropping] = useState<DatabaseColumn | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.databaseTables(database.id) });

  async function setUserScoped(userScoped: boolean) {
    setError(null);
    try {
      await api.databases.updateTable(database.id, table.name, { userScoped });
      await refresh();
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <Card data-testid="table-designer" data-name={table.name}>
      <CardHeader
        title={<span className="font-mono">{table.name}</span>}
        description={table.description ?? undefined}
        actions={
          editable && (
            <Button
              variant="destructive-outline"
              size="sm"
              onClick={() => setDeleting(true)}
              data-testid="table-delete"
            >
              <Trash2 className="size-3.5" aria-hidden />
              {t('databases.tables.delete')}
            </Button>
          )
        }
      />
      <div className="space-y-3 px-5 py-4">
        <label className="flex items-start gap-2.5 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4 rounded border-slate-300"
            checked={table.userScoped}
            disabled={!editable}
            onChange={(event) => void setUserScoped(event.target.checked)}
            data-testid="table-user-scoped"
          />
          <span>
            <span className="font-medium text-slate-800">{t('databases.tables.userScoped')}</span>
            <span className="block text-xs text-slate-500">{t('databases.tables.userScopedHint')}</span>
          </span>
        </label>
        <InlineError error={error} />
      </div>
      <Table>
        <TableHead>
          <tr>
            <TableHeader>{t('databases.columns.name')}</TableHeader>
            <TableHeader>{t('databases.columns.type')}</TableHeader>
            <TableHeader>{t('databases.columns.required')}</TableHeader>
            <TableHeader>{t('databases.columns.default')}</TableHeader>
            <TableHeader>{t('databases.columns.description')}</TableHeader>
            <TableHeader>
              <span className="sr-only">{t('common.actions')}</span>
            </TableHeader>
          </tr>
        </TableHead>
        <TableBody>
          {table.columns.map((column) => (
            <TableRow key={column.name} data-testid="table-column-row" data-name={column.name}>
              <TableCell className="font-mono text-xs">
                {column.name}
                {column.primaryKey && (
                  <Badge className="ml-1.5 font-sans">{t('databases.columns.primaryKey')}</Badge>
                )}
              </TableCell>
              <TableCell className="text-xs">
                {column.type === 'other' ? column.sqlType : t(`databases.types.${column.type}`)}
              </TableCell>
              <TableCell className="text-xs">{column.required ? t('databases.columns.yes') : ''}</TableCell>
              <TableCell className="max-w-40 truncate font-mono text-xs text-slate-500">
                {column.default ?? ''}
              </TableCell>
              <TableCell className="max-w-60 truncate text-xs text-slate-500">
                {column.description ?? ''}
              </TableCell>
              <TableCell className="whitespace-nowrap text-right">
                {column.automatic || column.primaryKey || column.type === 'other' ? (
                  <span className="text-xs text-slate-400">{t('databases.columns.platform')}</span>
                ) : (
                  editable && (
                    <>
                      <Button
                        variant="ghost"
                        size="icon"
                        aria-label={t('databases.columns.edit', { name: column.name })}
                        onClick={() => setEditing(column)}
                        data-testid="table-column-edit"
                      >
                        <Pencil className="size-3.5" aria-hidden />
                      </Button>
                      <Button
                        variant="ghost"
                        size="icon"
                        className="text-red-600"
                        aria-label={t('databases.columns.drop', { name: column.name })}
                        onClick={() => setDropping(column)}
                        data-testid="table-column-delete"
                      >
                        <Trash2 className="size-3.5" aria-hidden />
                      </Button>
                    </>
                  )
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {editable && (
        <div className="border-t border-slate-100 px-5 py-3">
          <Button
            variant="secondary"
            size="sm"
            onClick={() => setEditing('new')}
            data-testid="table-column-add"
          >
            <Plus className="size-3.5" aria-hidden />
            {t('databases.columns.add')}
          </Button>
        </div>
      )}
      {editing !== null && (
        <ColumnDialog
          column={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSave={async (values, before) => {
            if (editing === 'new')
              await api.databases.addColumn(database.id, table.name, toColumnInput(values));
            else
              await api.databases.updateColumn(
                database.id,
                table.name,
                editing.name,
                toColumnPatch(values, before),
              );
            await refresh();
          }}
        />
      )}
      <ConfirmDialog
        open={dropping !== null}
        onClose={() => setDropping(null)}
        title={t('databases.columns.dropTitle')}
        body={t('databases.columns.dropBody', { name: dropping?.name, table: table.name })}
        confirmLabel={t('common.delete')}
        onConfirm={async () => {
          if (dropping === null) return;
          await api.databases.removeColumn(database.id, table.name, dropping.name);
          await refresh();
        }}
      />
      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title={t('databases.tables.deleteTitle')}
        body={t('databases.tables.deleteBody', { name: table.name })}
        confirmLabel={t('common.delete')}
        typedConfirmation={table.name}
        onConfirm={async () => {
          await api.databases.removeTable(database.id, table.name);
          await refresh();
        }}
      />
    </Card>
  );
}
