import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Server } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { McpServer } from '../../api/plugin-types.js';
import { ResourceList } from '../../components/resource-list.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { useToast } from '../../components/ui/toast.js';
import { AddMcpServerDialog } from './add-mcp-server-dialog.js';
import { McpToolsDialog } from './mcp-tools-dialog.js';

/** Remote MCP servers of the space: add one, see and try its tools, delete it. */
export function McpServersTab({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const list = useQuery({ queryKey: keys.mcpServers, queryFn: () => api.plugins.mcpServers.list() });
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<McpServer | null>(null);

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-4">
        <p className="text-sm text-slate-500">{t('plugins.mcp.description')}</p>
        {editable && (
          <Button onClick={() => setAdding(true)} data-testid="mcp-add">
            <Plus className="size-4" aria-hidden />
            {t('plugins.mcp.add')}
          </Button>
        )}
      </div>
      <ResourceList
        query={list}
        tableTestId="mcp-table"
        rowKey={(server) => server.id}
        rowProps={(server) => ({
          'data-testid': 'mcp-row',
          'data-name': server.name,
          'data-server-id': server.id,
        })}
        empty={{
          icon: Server,
          title: t('plugins.mcp.empty'),
          description: editable ? t('plugins.mcp.emptyHint') : undefined,
        }}
        columns={[
          {
            header: t('plugins.mcp.name'),
            cell: (server) => (
              <button
                type="button"
                className="text-left font-medium text-slate-900 hover:text-indigo-700 hover:underline"
                onClick={() => setOpen(server)}
                data-testid="mcp-open"
              >
                {server.name}
                {server.description !== '' && (
                  <span className="mt-0.5 block truncate text-xs font-normal text-slate-500">
                    {server.description}
                  </span>
                )}
              </button>
            ),
          },
          {
            header: t('plugins.mcp.url'),
            className: 'max-w-xs truncate font-mono text-xs text-slate-600',
            cell: (server) => server.url,
          },
          { header: t('plugins.mcp.transport'), cell: (server) => <Badge>{server.transport}</Badge> },
          {
            header: t('plugins.mcp.auth'),
            className: 'text-xs text-slate-500',
            cell: (server) =>
              [
                server.bearerToken !== null ? t('plugins.mcp.bearerSet') : null,
                ...Object.keys(server.headers),
              ]
                .filter((item) => item !== null)
                .join(', ') || '—',
          },
        ]}
        remove={
          editable
            ? {
                testId: 'mcp-delete',
                title: t('plugins.mcp.deleteTitle'),
                body: (server) => t('plugins.mcp.deleteBody', { name: server.name }),
                run: async (server) => {
                  await api.plugins.mcpServers.remove(server.id);
                  await queryClient.invalidateQueries({ queryKey: keys.mcpServers });
                  toast.success(t('plugins.mcp.deleted', { name: server.name }));
                },
              }
            : undefined
        }
      />
      <AddMcpServerDialog open={adding} onClose={() => setAdding(false)} />
      {open !== null && <McpToolsDialog server={open} editable={editable} onClose={() => setOpen(null)} />}
    </div>
  );
}
