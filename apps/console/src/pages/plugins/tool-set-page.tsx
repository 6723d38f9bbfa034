import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, usePermissions } from '../../api/queries.js';
import { ErrorState } from '../../components/error-state.js';
import { NoAccess } from '../../components/no-access.js';
import { PageHeader } from '../../components/page-header.js';
import { TabBar } from '../../components/tab-bar.js';
import { Badge } from '../../components/ui/badge.js';
import { Card } from '../../components/ui/card.js';
import { Skeleton } from '../../components/ui/skeleton.js';
import { OperationsList } from './operations-list.js';
import { TOOL_SET_TABS, type ToolSetTab } from './tabs.js';
import { TestConsole } from './test-console.js';
import { ToolSetSettings } from './tool-set-settings.js';
import { VersionsTab } from './versions-tab.js';

/** One tool set: its operations, a test console, its settings and authentication, its versions. */
export function ToolSetPage({
  toolSetId,
  tab,
  onTab,
}: {
  toolSetId: string;
  tab: ToolSetTab;
  onTab: (tab: ToolSetTab) => void;
}) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const editable = can('resources.edit');
  const toolSet = useQuery({
    queryKey: keys.toolSet(toolSetId),
    queryFn: () => api.plugins.toolSets.get(toolSetId),
    enabled: can('resources.view'),
  });
  if (!can('resources.view')) return <NoAccess />;

  const back = (
    <Link
      to="/plugins"
      className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800"
    >
      <ArrowLeft className="size-4" aria-hidden />
      {t('plugins.back')}
    </Link>
  );
  if (toolSet.isPending)
    return (
      <div className="space-y-4" role="status" aria-label={t('common.loading')} data-testid="loading">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  if (toolSet.data === undefined)
    return (
      <>
        {back}
        <Card>
          <ErrorState error={toolSet.error} onRetry={() => void toolSet.refetch()} />
        </Card>
      </>
    );

  const current = toolSet.data;
  return (
    <>
      {back}
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {current.name}
            {current.latestVersion === null ? (
              <Badge>{t('plugins.toolSets.draftOnly')}</Badge>
            ) : (
              <Badge tone="success">{current.latestVersion}</Badge>
            )}
          </span>
        }
        description={
          <span data-testid="toolset-summary">
            {t('plugins.toolSet.summary', {
              count: current.operationCount,
              format: current.format,
              server: current.serverUrl ?? t('plugins.toolSet.noServer'),
            })}
          </span>
        }
      />
      <TabBar
        tabs={TOOL_SET_TABS}
        current={tab}
        onTab={onTab}
        label={current.name}
        labelOf={(item) => t(`plugins.toolSet.tabs.${item}`)}
        testIdPrefix="toolset-tab-"
      />
      {tab === 'operations' && <OperationsList toolSet={current} />}
      {tab === 'test' && <TestConsole toolSet={current} editable={editable} />}
      {tab === 'settings' && (
        <ToolSetSettings key={current.updatedAt} toolSet={current} editable={editable} />
      )}
      {tab === 'versions' && <VersionsTab toolSet={current} editable={editable} />}
    </>
  );
}
