import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import { ErrorState, InlineError } from '../../components/error-state.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { Card, CardHeader } from '../../components/ui/card.js';
import { Field, Input } from '../../components/ui/input.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { useToast } from '../../components/ui/toast.js';

/** The space's RPA platform token (kept encrypted by the hub, never shown again) and whether RPA is ready. */
export function RpaTab({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const state = useQuery({ queryKey: keys.rpa, queryFn: () => api.plugins.rpa.get() });
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState<'set' | 'clear' | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function store(value: string | null) {
    setBusy(value === null ? 'clear' : 'set');
    setError(null);
    try {
      queryClient.setQueryData(keys.rpa, await api.plugins.rpa.setToken(value));
      setToken('');
      toast.success(value === null ? t('plugins.rpa.cleared') : t('plugins.rpa.saved'));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  }

  if (state.isPending) return <SkeletonRows label={t('common.loading')} />;
  if (state.data === undefined)
    return <ErrorState error={state.error} onRetry={() => void state.refetch()} />;
  const { configured, reachable, tokenSet } = state.data;
  const status = !configured ? 'not-configured' : reachable ? 'ready' : 'unreachable';
  return (
    <Card>
      <CardHeader title={t('plugins.rpa.title')} description={t('plugins.rpa.hint')} />
      <div className="space-y-4 p-5">
        <div className="flex flex-wrap gap-2 text-sm">
          <Badge
            tone={status === 'ready' ? 'success' : 'warning'}
            data-testid="rpa-status"
            data-status={status}
          >
            {status === 'ready'
              ? t('plugins.rpa.configured')
              : status === 'unreachable'
                ? t('plugins.rpa.unreachable')
                : t('plugins.rpa.notConfigured')}
          </Badge>
          <Badge tone={tokenSet ? 'success' : 'neutral'} data-testid="rpa-token-state">
            {tokenSet ? t('plugins.rpa.tokenSet') : t('plugins.rpa.tokenUnset')}
          </Badge>
        </div>
        {status !== 'ready' && (
          <p className="text-sm text-amber-800" data-testid="rpa-status-hint">
            {status === 'unreachable' ? t('plugins.rpa.unreachableHint') : t('plugins.rpa.notConfiguredHint')}
          </p>
        )}
        {editable && (
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              if (token.trim() !== '') void store(token.trim());
            }}
          >
            <Field
              label={tokenSet ? t('plugins.rpa.replace') : t('plugins.rpa.token')}
              className="min-w-64 flex-1"
            >
              {(control) => (
                <Input
                  {...control}
                  type="password"
                  autoComplete="off"
                  value={token}
                  onChange={(event) => setToken(event.target.value)}
                  data-testid="rpa-token"
                />
              )}
            </Field>
            <Button
              type="submit"
              loading={busy === 'set'}
              disabled={token.trim() === ''}
              data-testid="rpa-token-save"
            >
              {t('common.save')}
            </Button>
            {tokenSet && (
              <Button
                variant="destructive-outline"
                loading={busy === 'clear'}
                onClick={() => void store(null)}
                data-testid="rpa-token-clear"
              >
                {t('plugins.rpa.clear')}
              </Button>
            )}
          </form>
        )}
        <InlineError error={error} />
      </div>
    </Card>
  );
}
