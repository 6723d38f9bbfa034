import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import type { CsvImportResult, Database, DatabaseEnv } from '../../api/database-types.js';
import { InlineError } from '../../components/error-state.js';
import { Button } from '../../components/ui/button.js';
import { Dialog } from '../../components/ui/dialog.js';
import { Field } from '../../components/ui/input.js';
import { useSubmit } from '../../lib/use-submit.js';

/** Rows from a CSV file (a header line naming columns); lines the service refuses are listed with why. */
export function CsvImportDialog({
  database,
  table,
  env,
  onClose,
  onImported,
}: {
  database: Database;
  table: string;
  env: DatabaseEnv;
  onClose: () => void;
  onImported: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const importing = useSubmit();
  const [result, setResult] = useState<CsvImportResult | null>(null);

  async function upload() {
    if (file === null) return;
    await importing.run(async () => {
      setResult(await api.databases.importCsv(database.id, table, env, await file.text()));
      await onImported();
    });
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('databases.data.importTitle', { table })}
      description={t('databases.data.importHint')}
      size="lg"
    >
      <div className="space-y-4" data-testid="data-import-dialog">
        <Field label={t('databases.data.importFile')}>
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".csv,text/csv"
              className="block text-sm"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setResult(null);
              }}
              data-testid="data-import-file"
            />
          )}
        </Field>
        <InlineError error={importing.error} />
        {result !== null && (
          <div className="space-y-2 text-sm" data-testid="data-import-result">
            <p className="text-slate-700">{t('databases.data.imported', { count: result.inserted })}</p>
            {result.ignoredColumns.length > 0 && (
              <p className="text-xs text-slate-500">
                {t('databases.data.ignoredColumns', { columns: result.ignoredColumns.join(', ') })}
              </p>
            )}
            {result.failed.length > 0 && (
              <>
                <p className="font-medium text-red-700">
                  {t('databases.data.failedLines', { count: result.failed.length })}
                </p>
                <ul className="max-h-48 space-y-1 overflow-y-auto rounded-md bg-red-50 p-3 text-xs text-red-800">
                  {result.failed.map((failure, index) => (
                    <li key={index} data-testid="data-import-failure">
                      {t('databases.data.failedLine', { line: failure.line })}
                      {failure.column !== undefined && <code className="mx-1">{failure.column}</code>}:{' '}
                      {failure.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {t('common.close')}
          </Button>
          <Button
            onClick={() => void upload()}
            loading={importing.busy}
            disabled={file === null}
            data-testid="data-import-submit"
          >
            {t('databases.data.importSubmit')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
