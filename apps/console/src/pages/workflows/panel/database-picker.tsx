import type { Problem } from '@astron/dsl';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/index.js';
import { keys } from '../../../api/queries.js';
import { Textarea } from '../../../components/ui/input.js';
import { Select } from '../../../components/ui/select.js';
import type { DraftNode, NodeData } from '../editor/draft.js';
import { fieldLabel } from '../labels.js';
import { DatabaseTables } from './database-picker-tables.js';
import { FieldShell } from './field-shell.js';

/** The database node's fields its picker edits instead of the generated form. */
export const DATABASE_PICKED: ReadonlySet<string> = new Set(['dbId', 'mode', 'tableName', 'sql']);

/** The modes by their number in the DSL (packages/dsl nodes/database.ts): 0 runs SQL, the others name a table. */
const MODES = ['sql', 'insert', 'update', 'select', 'delete'] as const;

/** The id as the engine reads it: a number, or digits from an imported workflow; 0 (a new node's) names none. */
function databaseIdOf(value: unknown): number | null {
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * Where a database node chooses one of the space's databases, its mode, and the SQL it runs or the table it works
 * on, with the database's tables and their columns beside them. The tables are those of the copy a run uses: the
 * node's `env`, else development, which a draft's runs use.
 */
export function DatabasePicker({
  node,
  problems,
  editable,
  onChange,
}: {
  node: DraftNode;
  problems: Problem[];
  editable: boolean;
  onChange: (update: (data: NodeData) => NodeData, key?: string) => void;
}) {
  const { t } = useTranslation();
  const param = node.data.nodeParam;
  const databaseId = databaseIdOf(param.dbId);
  const mode = typeof param.mode === 'number' && Number.isInteger(param.mode) && param.mode >= 0 && param.mode < MODES.length ? param.mode : null;
  const tableName = typeof param.tableName === 'string' ? param.tableName : '';
  const env = param.env === 'prod' ? 'prod' : 'dev';
  const list = useQuery({ queryKey: keys.databases, queryFn: () => api.databases.list() });
  const databases = list.data?.items ?? [];
  const database = databases.find((item) => item.id === databaseId);
  const tables = useQuery({
    queryKey: keys.databaseTables(databaseId ?? 0, env),
    queryFn: () => api.databases.tables(databaseId ?? 0, env),
    enabled: database !== undefined,
  });
  const tableItems = tables.data?.items ?? [];
  const unknownTable = tableName !== '' && !tableItems.some((table) => table.name === tableName);
  const set = (fields: Record<string, unknown>, key?: string) => onChange((data) => ({ ...data, nodeParam: { ...data.nodeParam, ...fields } }), key);

  return (
    <section className="space-y-3" data-testid="database-picker">
      <FieldShell label={fieldLabel(t, 'dbId')} path="data.nodeParam.dbId" problems={problems}>
        {(control) => (
          <Select {...control} value={databaseId ?? ''} disabled={!editable} onChange={(event) => set({ dbId: Number(event.target.value) })} data-testid="database-picker-db">
            {databaseId === null && <option value="">{t('workflows.panel.database.choose')}</option>}
            {databaseId !== null && database === undefined && (
              <option value={databaseId}>{list.isSuccess ? t('workflows.panel.database.unknown', { id: databaseId }) : databaseId}</option>
            )}
            {databases.map((item) => (
              <option key={item.id} value={item.id} data-testid="database-picker-db-option">
                {item.name}
              </option>
            ))}
          </Select>
        )}
      </FieldShell>
      {list.isSuccess && databases.length === 0 && <p className="text-[11px] text-slate-500">{t('workflows.panel.database.empty')}</p>}
      <FieldShell label={fieldLabel(t, 'mode')} path="data.nodeParam.mode" problems={problems}>
        {(control) => (
          <Select {...control} value={mode ?? ''} disabled={!editable} onChange={(event) => set({ mode: Number(event.target.value) })} data-testid="database-picker-mode">
            {mode === null && <option value="">{t('workflows.panel.database.chooseMode')}</option>}
            {MODES.map((name, number) => (
              <option key={name} value={number}>
                {t(`workflows.panel.database.modes.${name}`)}
              </option>
            ))}
          </Select>
        )}
      </FieldShell>
      {mode === 0 && (
        <FieldShell label={fieldLabel(t, 'sql')} path="data.nodeParam.sql" problems={problems} hint={t('workflows.panel.database.sqlHint', { placeholder: '{{input}}' })}>
          {(control) => (
            <Textarea
              {...control}
              value={typeof param.sql === 'string' ? param.sql : ''}
              disabled={!editable}
              spellCheck={false}
              className="font-mono text-xs"
              onChange={(event) => set({ sql: event.target.value }, 'sql')}
              data-testid="database-picker-sql"
            />
          )}
        </FieldShell>
      )}
      {mode !== null && mode !== 0 && (
        <FieldShell label={fieldLabel(t, 'tableName')} path="data.nodeParam.tableName" problems={problems}>
          {(control) => (
            <Select {...control} value={tableName} disabled={!editable || !tables.isSuccess} onChange={(event) => set({ tableName: event.target.value })} data-testid="database-picker-table">
              {tableName === '' && <option value="">{t('workflows.panel.database.chooseTable')}</option>}
              {unknownTable && <option value={tableName}>{tables.isSuccess ? t('workflows.panel.database.unknownTable', { name: tableName }) : tableName}</option>}
              {tableItems.map((table) => (
                <option key={table.name} value={table.name} data-testid="database-picker-table-option">
                  {table.name}
                </option>
              ))}
            </Select>
          )}
        </FieldShell>
      )}
      {database !== undefined && <DatabaseTables env={env} tables={tables} />}
    </section>
  );
}
