import { useQueryClient } from '@tanstack/react-query';
import { Plus, X } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { McpTransport } from '../../api/plugin-types.js';
import { FormFooter } from '../../components/form-footer.js';
import { Button } from '../../components/ui/button.js';
import { Dialog } from '../../components/ui/dialog.js';
import { Field, Input } from '../../components/ui/input.js';
import { Select } from '../../components/ui/select.js';
import { useToast } from '../../components/ui/toast.js';
import { fieldError, serverFieldErrors } from '../../lib/errors.js';
import { useSubmit } from '../../lib/use-submit.js';
import { headerName, httpUrl } from '../../lib/validation.js';

interface Values {
  name: string;
  url: string;
  transport: McpTransport;
  bearerToken: string;
  headers: { name: string; value: string }[];
}

const EMPTY: Values = { name: '', url: '', transport: 'streamable-http', bearerToken: '', headers: [] };

/** What stops the values from being sent, by field ('headers.<index>' for a header). */
export function mcpProblems(
  values: Values,
): Record<string, 'validation.required' | 'validation.url' | 'validation.headerName'> {
  const problems: Record<string, 'validation.required' | 'validation.url' | 'validation.headerName'> = {};
  if (values.name.trim() === '') problems.name = 'validation.required';
  const url = values.url.trim() === '' ? 'validation.required' : httpUrl(values.url);
  if (url !== undefined) problems.url = url as 'validation.url';
  values.headers.forEach((header, index) => {
    if (headerName(header.name) !== undefined) problems[`headers.${index}`] = 'validation.headerName';
  });
  return problems;
}

/** Registers a remote MCP server (streamable HTTP or SSE; never a local command) with its headers or bearer token. */
export function AddMcpServerDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [values, setValues] = useState<Values>(EMPTY);
  const [attempted, setAttempted] = useState(false);
  const creation = useSubmit();
  const problems = attempted ? mcpProblems(values) : {};
  const server = serverFieldErrors(creation.error);
  const problem = (field: string) =>
    problems[field] === undefined ? fieldError(server, field) : t(problems[field]);
  const change = (next: Partial<Values>) => setValues((current) => ({ ...current, ...next }));
  const setHeader = (index: number, next: Partial<{ name: string; value: string }>) =>
    change({ headers: values.headers.map((header, at) => (at === index ? { ...header, ...next } : header)) });

  function close() {
    setValues(EMPTY);
    setAttempted(false);
    creation.reset();
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    if (Object.keys(mcpProblems(values)).length > 0) return;
    await creation.run(async () => {
      const created = await api.plugins.mcpServers.create({
        name: values.name.trim(),
        url: values.url.trim(),
        transport: values.transport,
        ...(values.headers.length > 0
          ? {
              headers: Object.fromEntries(values.headers.map((header) => [header.name.trim(), header.value])),
            }
          : {}),
        ...(values.bearerToken === '' ? {} : { bearerToken: values.bearerToken }),
      });
      await queryClient.invalidateQueries({ queryKey: keys.mcpServers, exact: true });
      toast.success(t('plugins.mcp.added', { name: created.name }));
      close();
    });
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('plugins.mcp.addTitle')}
      description={t('plugins.mcp.addDescription')}
      size="lg"
    >
      <form onSubmit={(event) => void submit(event)} noValidate className="space-y-4" data-testid="mcp-form">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('plugins.mcp.name')} error={problem('name')}>
            {(control) => (
              <Input
                {...control}
                value={values.name}
                onChange={(event) => change({ name: event.target.value })}
                data-testid="mcp-name"
              />
            )}
          </Field>
          <Field label={t('plugins.mcp.transport')}>
            {(control) => (
              <Select
                {...control}
                value={values.transport}
                onChange={(event) => change({ transport: event.target.value as McpTransport })}
                data-testid="mcp-transport"
              >
                <option value="streamable-http">{t('plugins.mcp.transports.streamable-http')}</option>
                <option value="sse">{t('plugins.mcp.transports.sse')}</option>
              </Select>
            )}
          </Field>
        </div>
        <Field label={t('plugins.mcp.url')} error={problem('url')}>
          {(control) => (
            <Input
              {...control}
              value={values.url}
              placeholder="https://"
              onChange={(event) => change({ url: event.target.value })}
              data-testid="mcp-url"
            />
          )}
        </Field>
        <Field
          label={t('plugins.mcp.bearer')}
          hint={t('plugins.mcp.bearerHint')}
          error={problem('bearerToken')}
        >
          {(control) => (
            <Input
              {...control}
              type="password"
              autoComplete="off"
              value={values.bearerToken}
              onChange={(event) => change({ bearerToken: event.target.value })}
              data-testid="mcp-bearer"
            />
          )}
        </Field>
        <div className="space-y-2">
          <p className="text-sm font-medium text-slate-800">{t('plugins.mcp.headers')}</p>
          {values.headers.map((header, index) => (
            <div key={index} className="flex items-start gap-2" data-testid="mcp-header-row">
              <div className="flex-1">
                <Input
                  aria-label={t('plugins.mcp.headerName')}
                  aria-invalid={problem(`headers.${index}`) !== undefined || undefined}
                  value={header.name}
                  onChange={(event) => setHeader(index, { name: event.target.value })}
                  data-testid="mcp-header-name"
                />
                {problem(`headers.${index}`) !== undefined && (
                  <p className="mt-1 text-xs text-red-600">{problem(`headers.${index}`)}</p>
                )}
              </div>
              <Input
                className="flex-1"
                type="password"
                aria-label={t('plugins.mcp.headerValue')}
                value={header.value}
                onChange={(event) => setHeader(index, { value: event.target.value })}
                data-testid="mcp-header-value"
              />
              <Button
                variant="ghost"
                size="icon"
                aria-label={t('plugins.mcp.removeHeader')}
                onClick={() => change({ headers: values.headers.filter((_, at) => at !== index) })}
              >
                <X className="size-4" aria-hidden />
              </Button>
            </div>
          ))}
          <Button
            variant="secondary"
            size="sm"
            onClick={() => change({ headers: [...values.headers, { name: '', value: '' }] })}
            data-testid="mcp-header-add"
          >
            <Plus className="size-3.5" aria-hidden />
            {t('plugins.mcp.addHeader')}
          </Button>
        </div>
        <FormFooter
          error={Object.keys(server).length > 0 ? null : creation.error}
          busy={creation.busy}
          onCancel={close}
          submitLabel={t('plugins.mcp.addSubmit')}
          submitTestId="mcp-submit"
        />
      </form>
    </Dialog>
  );
}
