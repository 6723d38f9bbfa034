import { useTranslation } from 'react-i18next';
import { usePermissions } from '../../api/queries.js';
import { NoAccess } from '../../components/no-access.js';
import { PageHeader } from '../../components/page-header.js';
import { TabBar } from '../../components/tab-bar.js';
import { AiToolsTab } from './ai-tools-tab.js';
import { McpServersTab } from './mcp-servers-tab.js';
import { RpaTab } from './rpa-tab.js';
import { PLUGINS_TABS, type PluginsTab } from './tabs.js';
import { ToolSetsTab } from './tool-sets-tab.js';

/** What agents and workflows can call: OpenAPI tool sets, MCP servers, the built-in AI tools, RPA robots. */
export function PluginsPage({ tab, onTab }: { tab: PluginsTab; onTab: (tab: PluginsTab) => void }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  if (!can('resources.view')) return <NoAccess />;
  const editable = can('resources.edit');
  return (
    <>
      <PageHeader title={t('plugins.title')} description={t('plugins.description')} />
      <TabBar
        tabs={PLUGINS_TABS}
        current={tab}
        onTab={onTab}
        label={t('plugins.title')}
        labelOf={(item) => t(`plugins.tabs.${item}`)}
        testIdPrefix="plugins-tab-"
      />
      {tab === 'tool-sets' && <ToolSetsTab editable={editable} />}
      {tab === 'mcp' && <McpServersTab editable={editable} />}
      {tab === 'ai-tools' && <AiToolsTab editable={editable} />}
      {tab === 'rpa' && <RpaTab editable={editable} />}
    </>
  );
}
