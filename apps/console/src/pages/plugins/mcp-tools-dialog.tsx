import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Play, RotateCw } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { McpCallResult, McpServer } from '../../api/plugin-types.js';
import { ErrorState, InlineError } from '../../components/error-state.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { Dialog } from '../../components/ui/dialog.js';
import { Field, Textarea } from '../../components/ui/input.js';
import { Select } from '../../components/ui/select.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { JsonBlock } from './json-block.js';
import { parseObject } from './schema-form-model.js';

/** The tools a server offers (cached briefly by link; refresh asks again) and a call of one with JSON arguments. */
export function McpToolsDialog({
  server,
  editable,
  onClose,
}: {
  server: McpServer;
  editable: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const tools = useQuery({
    queryKey: keys.mcpTools(server.id),
    queryFn: () => api.plugins.mcpServers.tools(server.id),
  });
  const [refreshing, setRefreshing] = useState(false);
  const [tool, setTool] = useState('');
  const [args, setArgs] = useState('{}');
  const [argsInvalid, setArgsInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<McpCallResult | null>(null);
  const items = tools.data?.tools ?? [];
  const chosen = tool === '' ? (items[0]?.name ?? '') : tool;

  async function refresh() {
    setRefreshing(true);
    try {
      queryClient.setQueryData(keys.mcpTools(server.id), await api.plugins.mcpServers.tools(server.id, true));
    } catch (failure) {
      setError(failure);
    } finally {
      setRefreshing(false);
    }
  }

  async function call() {
    const parsed = parseObject(args);
    setArgsInvalid(parsed === null);
    if (parsed === null || chosen === '') return;
    setBusy(true);
    setError(null);
    try {
      setResult(await api.plugins.mcpServers.call(server.id, { tool: chosen, arguments: parsed }));
    } catch (failure) {
      setResult(null);
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={server.name}
      description={server.url}
      size="lg"
      data-testid="mcp-tools-dialog"
    >
      <div className="space-y-4">
        <div className="flex items-center justify-between">
          <p className="text-sm font-medium text-slate-800">{t('plugins.mcp.tools')}</p>
          <Button
            variant="secondary"
            size="sm"
            loading={refreshing}
            onClick={() => void refresh()}
            data-testid="mcp-tools-refresh"
          >
            <RotateCw className="size-3.5" aria-hidden />
            {t('plugins.mcp.refresh')}
          </Button>
        </div>
        {tools.isPending && <SkeletonRows rows={2} label={t('common.loading')} />}
        {tools.data === undefined && tools.isError && (
          <ErrorState compact error={tools.error} onRetry={() => void tools.refetch()} />
        )}
        {tools.data !== undefined && items.length === 0 && (
          <p className="text-sm text-slate-500">{t('plugins.mcp.noTools')}</p>
        )}
        <ul className="max-h-48 divide-y divide-slate-100 overflow-y-auto rounded-md ring-1 ring-slate-200">
          {items.map((item) => (
            <li key={item.name} className="px-3 py-2 text-sm" data-testid="mcp-tool" data-tool={item.name}>
              <code className="font-medium text-slate-900">{item.name}</code>
              {item.description !== undefined && item.description !== '' && (
                <p className="text-xs text-slate-500">{item.description}</p>
              )}
            </li>
          ))}
        </ul>
        {items.length > 0 && editable && (
          <div className="space-y-3 border-t border-slate-100 pt-4">
            <Field label={t('plugins.mcp.tryTool')}>
              {(control) => (
                <Select
                  {...control}
                  value={chosen}
                  onChange={(event) => setTool(event.target.value)}
                  data-testid="mcp-try-tool"
                >
                  {items.map((item) => (
                    <option key={item.name} value={item.name}>
                      {item.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field
              label={t('plugins.mcp.arguments')}
              error={argsInvalid ? t('plugins.test.inputErrors.object') : undefined}
            >
              {(control) => (
                <Textarea
                  {...control}
                  rows={4}
                  className="font-mono text-xs"
                  value={args}
                  onChange={(event) => setArgs(event.target.value)}
                  data-testid="mcp-try-arguments"
                />
              )}
            </Field>
            <InlineError error={error} />
            <div className="flex justify-end">
              <Button onClick={() => void call()} loading={busy} data-testid="mcp-try-run">
                <Play className="size-4" aria-hidden />
                {t('plugins.test.run')}
              </Button>
            </div>
            {result !== null && (
              <div className="space-y-2" data-testid="mcp-try-result">
                <Badge tone={result.isError ? 'danger' : 'success'}>
                  {result.isError ? t('plugins.mcp.callFailed') : t('plugins.mcp.callOk')}
                </Badge>
                <JsonBlock value={result.structuredContent ?? result.content} />
              </div>
            )}
          </div>
        )}
      </div>
    </Dialog>
  );
}
