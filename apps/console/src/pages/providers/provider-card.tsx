import { CircleCheck, CircleX, Pencil, PlugZap, RefreshCw, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import type { ConnectionTest, Provider } from '../../api/types.js';
import { InlineError } from '../../components/error-state.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { formatRelative } from '../../lib/format.js';

function TestOutcome({ ok, message, extra }: { ok: boolean; message: string; extra?: string }) {
  const { t } = useTranslation();
  const Icon = ok ? CircleCheck : CircleX;
  return (
    <div
      role="status"
      data-testid="provider-test-result"
      data-ok={ok}
      className={`flex items-start gap-2 rounded-md px-3 py-2 text-sm ${ok ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-700'}`}
    >
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div className="min-w-0">
        <p className="font-medium">{ok ? t('providers.testOk') : t('providers.testFailed')}</p>
        <p className="mt-0.5 break-words text-xs">{message}</p>
        {extra !== undefined && <p className="mt-0.5 text-xs opacity-80">{extra}</p>}
      </div>
    </div>
  );
}

/** One provider: what it is, its models, and the actions on it. */
export function ProviderCard({
  provider,
  manage,
  onEdit,
  onDelete,
  onChanged,
}: {
  provider: Provider;
  manage: boolean;
  onEdit: () => void;
  onDelete: () => void;
  onChanged: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [testing, setTesting] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const [result, setResult] = useState<ConnectionTest | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const counts = { chat: 0, embedding: 0, other: 0 };
  for (const model of provider.models) counts[model.kind] += 1;

  async function run(action: 'test' | 'refresh') {
    const setBusy = action === 'test' ? setTesting : setRefreshing;
    setBusy(true);
    setFailure(null);
    if (action === 'test') setResult(null);
    try {
      if (action === 'test') setResult(await api.providers.test(provider.id));
      else await api.providers.refreshModels(provider.id);
      await onChanged();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card className="p-5" data-testid="provider-row" data-name={provider.name} data-provider-id={provider.id}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="truncate text-sm font-semibold text-slate-900">{provider.name}</h3>
          <p className="mt-0.5 truncate font-mono text-xs text-slate-500">{provider.baseUrl}</p>
          <div className="mt-2 flex flex-wrap gap-1.5">
            <Badge tone={provider.hasApiKey ? 'success' : 'neutral'}>
              {provider.hasApiKey ? t('providers.keySet') : t('providers.noKey')}
            </Badge>
            {provider.headerNames.length > 0 && (
              <Badge>{t('providers.headerCount', { count: provider.headerNames.length })}</Badge>
            )}
            <Badge tone="brand">{t('providers.modelCount', { count: provider.models.length })}</Badge>
            {counts.embedding > 0 && (
              <Badge>{t('providers.embeddingCount', { count: counts.embedding })}</Badge>
            )}
          </div>
        </div>
        {manage && (
          <div className="flex flex-wrap items-center gap-1.5">
            <Button
              variant="secondary"
              size="sm"
              loading={testing}
              onClick={() => void run('test')}
              data-testid="provider-test"
            >
              {!testing && <PlugZap className="size-3.5" aria-hidden />}
              {t('providers.test')}
            </Button>
            <Button
              variant="secondary"
              size="sm"
              loading={refreshing}
              onClick={() => void run('refresh')}
              data-testid="provider-refresh"
            >
              {!refreshing && <RefreshCw className="size-3.5" aria-hidden />}
              {t('providers.refresh')}
            </Button>
            <Button
              variant="ghost"
              size="icon"
              onClick={onEdit}
              aria-label={t('providers.editNamed', { name: provider.name })}
              data-testid="provider-edit"
            >
              <Pencil className="size-4" aria-hidden />
            </Button>
            <Button
              variant="ghost"
              size="icon"
              className="text-red-600 hover:bg-red-50"
              onClick={onDelete}
              aria-label={t('providers.deleteNamed', { name: provider.name })}
              data-testid="provider-delete"
            >
              <Trash2 className="size-4" aria-hidden />
            </Button>
          </div>
        )}
      </div>
      {provider.models.length > 0 && (
        <ul className="mt-3 flex flex-wrap gap-1.5" aria-label={t('providers.models')}>
          {provider.models.slice(0, 12).map((model) => (
            <li
              key={model.id}
              className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-600"
              title={t(`modelKinds.${model.kind}`)}
            >
              {model.id}
            </li>
          ))}
          {provider.models.length > 12 && (
            <li className="px-1.5 py-0.5 text-[11px] text-slate-400">
              {t('providers.more', { count: provider.models.length - 12 })}
            </li>
          )}
        </ul>
      )}
      {provider.models.length === 0 && manage && (
        <p className="mt-3 text-xs text-slate-500">{t('providers.noModelsHint')}</p>
      )}
      <div className="mt-3 space-y-2" aria-live="polite">
        {result !== null && (
          <TestOutcome
            ok={result.ok}
            message={result.message}
            extra={t('providers.testStats', { latency: result.latencyMs, count: result.modelCount })}
          />
        )}
        {result === null && failure === null && provider.lastTest !== null && (
          <p className="flex items-center gap-1.5 text-xs text-slate-500" data-testid="provider-last-test">
            {provider.lastTest.ok ? (
              <CircleCheck className="size-3.5 text-emerald-600" aria-hidden />
            ) : (
              <CircleX className="size-3.5 text-red-600" aria-hidden />
            )}
            {t(provider.lastTest.ok ? 'providers.lastTestOk' : 'providers.lastTestFailed', {
              when: formatRelative(provider.lastTest.at, i18n.language),
            })}
            {!provider.lastTest.ok && <span className="truncate">· {provider.lastTest.message}</span>}
          </p>
        )}
        <InlineError error={failure} />
      </div>
    </Card>
  );
}
