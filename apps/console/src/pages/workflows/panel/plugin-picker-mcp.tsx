import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/index.js';
import { keys } from '../../../api/queries.js';
import { Select } from '../../../components/ui/select.js';
import { errorMessage } from '../../../lib/errors.js';
import { fieldLabel } from '../labels.js';
import { FieldShell } from './field-shell.js';
import type { PickerFieldsProps } from './plugin-picker.js';
import { ToolDescription } from './plugin-picker-description.js';

/** An MCP server of the space and one of the tools it lists now. */
export function McpToolFields({ picked, problems, editable, write }: PickerFieldsProps) {
  const { t } = useTranslation();
  const { mcpServerId, toolName } = picked;
  const list = useQuery({ queryKey: keys.mcpServers, queryFn: () => api.plugins.mcpServers.list() });
  const servers = list.data?.items ?? [];
  const server = servers.find((item) => item.id === mcpServerId);
  const tools = useQuery({
    queryKey: keys.mcpTools(mcpServerId),
    queryFn: () => api.plugins.mcpServers.tools(mcpServerId),
    enabled: server !== undefined,
  });
  const toolItems = tools.data?.tools ?? [];
  const tool = toolItems.find((item) => item.name === toolName);

  return (
    <>
      <FieldShell label={fieldLabel(t, 'mcpServerId')} path="data.nodeParam.mcpServerId" problems={problems}>
        {(control) => (
          <Select {...control} value={mcpServerId} disabled={!editable} onChange={(event) => write({ mcpServerId: event.target.value }, null)} data-testid="plugin-mcp-server">
            {mcpServerId === '' && <option value="">{t('workflows.panel.plugin.chooseServer')}</option>}
            {mcpServerId !== '' && server === undefined && (
              <option value={mcpServerId}>{list.isSuccess ? t('workflows.panel.plugin.unknownServer', { id: mcpServerId }) : mcpServerId}</option>
            )}
            {servers.map((item) => (
              <option key={item.id} value={item.id} data-testid="plugin-mcp-server-option">
                {item.name}
              </option>
            ))}
          </Select>
        )}
      </FieldShell>
      {list.isSuccess && servers.length === 0 && <p className="text-[11px] text-slate-500">{t('workflows.panel.plugin.noServers')}</p>}
      <FieldShell label={fieldLabel(t, 'toolName')} path="data.nodeParam.toolName" problems={problems}>
        {(control) => (
          <Select
            {...control}
            value={toolName}
            disabled={!editable || !tools.isSuccess}
            onChange={(event) => {
              const chosen = toolItems.find((item) => item.name === event.target.value);
              if (chosen !== undefined) write({ mcpServerId, toolName: chosen.name }, chosen);
            }}
            data-testid="plugin-mcp-tool"
          >
            {toolName === '' && <option value="">{t('workflows.panel.plugin.chooseTool')}</option>}
            {toolName !== '' && tool === undefined && (
              <option value={toolName}>{tools.isSuccess ? t('workflows.panel.plugin.unknownTool', { name: toolName }) : toolName}</option>
            )}
            {toolItems.map((item) => (
              <option key={item.name} value={item.name} data-testid="plugin-mcp-tool-option">
                {item.name}
              </option>
            ))}
          </Select>
        )}
      </FieldShell>
      {tools.isError && (
        <p className="text-[11px] text-red-600" data-testid="plugin-error">
          {t('workflows.panel.plugin.toolsFailed', { message: errorMessage(tools.error, t) })}
        </p>
      )}
      {tool !== undefined && (
        <ToolDescription text={tool.description ?? ''} note={tool.outputSchema === undefined ? t('workflows.panel.plugin.answerText') : undefined} />
      )}
    </>
  );
}
