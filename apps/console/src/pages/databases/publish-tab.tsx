import { useQueryClient } from '@tanstack/react-query';
import { Rocket } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import type { Database, PublishResult } from '../../api/database-types.js';
import { keys } from '../../api/queries.js';
import { InlineError } from '../../components/error-state.js';
import { Button } from '../../components/ui/button.js';
import { Card, CardHeader } from '../../components/ui/card.js';
import { useToast } from '../../components/ui/toast.js';
import { formatDateTime } from '../../lib/format.js';
import { useSubmit } from '../../lib/use-submit.js';

/** Production becomes development's tables; its rows stay, or are replaced by development's when asked. */
export function PublishTab({ database, editable }: { database: Database; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [includeData, setIncludeData] = useState(false);
  const publishing = useSubmit();
  const [result, setResult] = useState<PublishResult | null>(null);

  async function publish() {
    await publishing.run(async () => {
      const published = await api.databases.publish(database.id, includeData);
      setResult(published);
      queryClient.setQueryData(keys.database(database.id), published.database);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.databaseTables(database.id) }),
        queryClient.invalidateQueries({ queryKey: keys.databaseRows(database.id) }),
        queryClient.invalidateQueries({ queryKey: keys.databases, exact: true }),
      ]);
      toast.success(t('databases.publish.done'));
    });
  }

  return (
    <Card>
      <CardHeader
        title={t('databases.publish.title')}
        description={
          database.publishedAt === null
            ? t('databases.publish.never')
            : t('databases.publish.last', { time: formatDateTime(database.publishedAt, i18n.language) })
        }
      />
      <div className="space-y-4 p-5">
        <p className="text-sm text-slate-600">{t('databases.publish.hint')}</p>
        <label className="flex items-start gap-2.5 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4 rounded border-slate-300"
            checked={includeData}
            disabled={!editable}
            onChange={(event) => setIncludeData(event.target.checked)}
            data-testid="publish-include-data"
          />
          <span>
            <span className="font-medium text-slate-800">{t('databases.publish.includeData')}</span>
            <span className="block text-xs text-slate-500">{t('databases.publish.includeDataHint')}</span>
          </span>
        </label>
        <InlineError error={publishing.error} />
        {result !== null && (
          <p
            className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
            data-testid="publish-result"
          >
            {t('databases.publish.result', { tables: result.tables.length, rows: result.rowsCopied })}
          </p>
        )}
        {editable && (
          <Button onClick={() => void publish()} loading={publishing.busy} data-testid="database-publish">
            <Rocket className="size-4" aria-hidden />
            {t('databases.publish.submit')}
          </Button>
        )}
      </div>
    </Card>
  );
}
