import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, usePermissions } from '../../api/queries.js';
import { DetailPage } from '../../components/detail-page.js';
import { NoAccess } from '../../components/no-access.js';
import { TabBar } from '../../components/tab-bar.js';
import { Badge } from '../../components/ui/badge.js';
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

  return (
    <DetailPage
      query={toolSet}
      back={{ to: '/plugins', label: t('plugins.back') }}
      heading={(current) => ({
        name: current.name,
        badges:
          current.latestVersion === null ? (
            <Badge>{t('plugins.toolSets.draftOnly')}</Badge>
          ) : (
            <Badge tone="success">{current.latestVersion}</Badge>
          ),
        description: (
          <span data-testid="toolset-summary">
            {t('plugins.toolSet.summary', {
              count: current.operationCount,
              format: current.format,
              server: current.serverUrl ?? t('plugins.toolSet.noServer'),
            })}
          </span>
        ),
      })}
    >
      {(current) => (
        <>
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
      )}
    </DetailPage>
  );
}
