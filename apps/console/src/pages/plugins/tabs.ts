// The tabs of the plugin pages, apart from the pages so the router can name them without loading the pages.

export type PluginsTab = 'tool-sets' | 'mcp' | 'ai-tools' | 'rpa';
export const PLUGINS_TABS: PluginsTab[] = ['tool-sets', 'mcp', 'ai-tools', 'rpa'];

export type ToolSetTab = 'operations' | 'test' | 'settings' | 'versions';
export const TOOL_SET_TABS: ToolSetTab[] = ['operations', 'test', 'settings', 'versions'];
