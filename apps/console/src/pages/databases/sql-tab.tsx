import { Play } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import type { Database, DatabaseEnv, SqlResult } from '../../api/database-types.js';
import { InlineError } from '../../components/error-state.js';
import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { Textarea } from '../../components/ui/input.js';
import { useSubmit } from '../../lib/use-submit.js';
import { EnvSelect } from './env-select.js';
import { ResultGrid } from './result-grid.js';

/** One statement (SELECT, INSERT, UPDATE or DELETE) on either copy, checked by the memory service before it runs. */
export function SqlTab({ database, editable }: { database: Database; editable: boolean }) {
  const { t } = useTranslation();
  const [env, setEnv] = useState<DatabaseEnv>('dev');
  const [sql, setSql] = useState('');
  const [result, setResult] = useState<SqlResult | null>(null);
  // A failed statement leaves no result on screen: the one before would pass for its answer.
  const statement = useSubmit({ onError: () => setResult(null) });

  async function run() {
    if (sql.trim() === '') return;
    await statement.run(async () => setResult(await api.databases.sql(database.id, { sql, env })));
  }

  return (
    <div className="space-y-4">
      <Card className="space-y-3 p-5">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <EnvSelect value={env} onChange={setEnv} testId="sql-env" />
          <p className="text-xs text-slate-500">{t('databases.sql.hint')}</p>
        </div>
        <Textarea
          rows={6}
          className="font-mono text-xs"
          value={sql}
          aria-label={t('databases.sql.label')}
          placeholder="select * from ..."
          onChange={(event) => setSql(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) void run();
          }}
          data-testid="sql-text"
        />
        <InlineError error={statement.error} />
        <div className="flex justify-end">
          <Button
            onClick={() => void run()}
            loading={statement.busy}
            disabled={!editable || sql.trim() === ''}
            data-testid="sql-run"
          >
            <Play className="size-4" aria-hidden />
            {t('databases.sql.run')}
          </Button>
        </div>
      </Card>
      {result !== null && (
        <Card className="space-y-3 p-5" data-testid="sql-result">
          <p className="text-sm text-slate-600" data-testid="sql-summary">
            {t('databases.sql.summary', {
              command: result.command,
              count: result.rowCount,
              ms: result.elapsedMs,
            })}
          </p>
          {result.truncated && (
            <p
              className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-800"
              data-testid="sql-truncated"
            >
              {t('databases.sql.truncated', { count: result.rows.length })}
            </p>
          )}
          {result.columns.length > 0 && (
            <ResultGrid columns={result.columns} rows={result.rows} data-testid="sql-grid" />
          )}
        </Card>
      )}
    </div>
  );
}
