import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Rocket } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { ToolSet } from '../../api/plugin-types.js';
import { ErrorState, InlineError } from '../../components/error-state.js';
import { Button } from '../../components/ui/button.js';
import { Card, CardHeader } from '../../components/ui/card.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { useToast } from '../../components/ui/toast.js';
import { formatDateTime } from '../../lib/format.js';
import { useSubmit } from '../../lib/use-submit.js';

/** Published versions never change; publishing freezes the draft as the next one, which agents then take as latest. */
export function VersionsTab({ toolSet, editable }: { toolSet: ToolSet; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const versions = useQuery({
    queryKey: keys.toolSetVersions(toolSet.id),
    queryFn: () => api.plugins.toolSets.versions(toolSet.id),
  });
  const publishing = useSubmit();

  async function publish() {
    await publishing.run(async () => {
      const published = await api.plugins.toolSets.publish(toolSet.id);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.toolSetVersions(toolSet.id) }),
        queryClient.invalidateQueries({ queryKey: keys.toolSet(toolSet.id), exact: true }),
        queryClient.invalidateQueries({ queryKey: keys.toolSets, exact: true }),
      ]);
      toast.success(t('plugins.versions.published', { version: published.version }));
    });
  }

  return (
    <Card>
      <CardHeader
        title={t('plugins.versions.title')}
        description={t('plugins.versions.hint')}
        actions={
          editable && (
            <Button onClick={() => void publish()} loading={publishing.busy} data-testid="toolset-publish">
              <Rocket className="size-4" aria-hidden />
              {t('plugins.versions.publish')}
            </Button>
          )
        }
      />
      <div className="px-5 pt-3">
        <InlineError error={publishing.error} />
      </div>
      {versions.isPending && <SkeletonRows label={t('common.loading')} />}
      {versions.isError && (
        <ErrorState compact error={versions.error} onRetry={() => void versions.refetch()} />
      )}
      {versions.data !== undefined && versions.data.items.length === 0 && (
        <p className="px-5 py-6 text-sm text-slate-500">{t('plugins.versions.none')}</p>
      )}
      <ul className="divide-y divide-slate-100">
        {versions.data?.items.map((item) => (
          <li
            key={item.version}
            className="flex flex-wrap items-center gap-3 px-5 py-3 text-sm"
            data-testid="toolset-version-row"
            data-version={item.version}
          >
            <span className="font-mono font-medium text-slate-900">{item.version}</span>
            <span className="text-slate-600">{item.name}</span>
            <span className="text-xs text-slate-400">
              {t('plugins.versions.operations', { count: item.operationCount })}
            </span>
            <span className="ml-auto text-xs text-slate-500">
              {formatDateTime(item.publishedAt, i18n.language)}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
