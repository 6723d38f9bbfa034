import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Cpu, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, usePermissions } from '../../api/queries.js';
import type { Provider } from '../../api/types.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { ErrorState } from '../../components/error-state.js';
import { NoAccess } from '../../components/no-access.js';
import { PageHeader } from '../../components/page-header.js';
import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { Dialog } from '../../components/ui/dialog.js';
import { EmptyState } from '../../components/ui/empty-state.js';
import { Skeleton } from '../../components/ui/skeleton.js';
import { useToast } from '../../components/ui/toast.js';
import { DefaultsCard } from './defaults-card.js';
import { ProviderCard } from './provider-card.js';
import { ProviderForm } from './provider-form.js';

export function ProvidersPage() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const queryClient = useQueryClient();
  const toast = useToast();
  const manage = can('providers.manage');
  const providers = useQuery({
    queryKey: keys.providers,
    queryFn: () => api.providers.list(),
    enabled: can('providers.view'),
  });
  const [editing, setEditing] = useState<Provider | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Provider | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.providers });

  if (!can('providers.view')) return <NoAccess />;

  const addButton = (testId: string) =>
    manage && (
      <Button onClick={() => setEditing('new')} data-testid={testId}>
        <Plus className="size-4" aria-hidden />
        {t('providers.add')}
      </Button>
    );

  return (
    <>
      <PageHeader
        title={t('providers.title')}
        description={t('providers.description')}
        actions={addButton('provider-add')}
      />
      {providers.isPending && (
        <div className="space-y-4" role="status" aria-label={t('common.loading')} data-testid="loading">
          <Skeleton className="h-32 w-full" />
          <Skeleton className="h-28 w-full" />
        </div>
      )}
      {providers.isError && (
        <Card>
          <ErrorState error={providers.error} onRetry={() => void providers.refetch()} />
        </Card>
      )}
      {providers.data !== undefined && providers.data.items.length === 0 && (
        <Card>
          <EmptyState
            icon={Cpu}
            title={t('providers.empty')}
            description={t('providers.emptyHint')}
            action={addButton('provider-add-empty')}
          />
        </Card>
      )}
      {providers.data !== undefined && providers.data.items.length > 0 && (
        <>
          <DefaultsCard providers={providers.data.items} defaults={providers.data.defaults} manage={manage} />
          <div className="space-y-4" data-testid="providers-list">
            {providers.data.items.map((provider) => (
              <ProviderCard
                key={provider.id}
                provider={provider}
                manage={manage}
                onEdit={() => setEditing(provider)}
                onDelete={() => setDeleting(provider)}
                onChanged={refresh}
              />
            ))}
          </div>
        </>
      )}
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        size="lg"
        title={editing === 'new' ? t('providers.addTitle') : t('providers.editTitle')}
        description={editing === 'new' ? t('providers.addDescription') : undefined}
      >
        {editing !== null && (
          <ProviderForm
            key={editing === 'new' ? 'new' : editing.id}
            provider={editing === 'new' ? null : editing}
            onCancel={() => setEditing(null)}
            onSubmit={async (input) => {
              const saved =
                editing === 'new'
                  ? await api.providers.create(input)
                  : await api.providers.update(editing.id, input);
              await refresh();
              setEditing(null);
              toast.success(
                t(editing === 'new' ? 'providers.created' : 'providers.saved', { name: saved.name }),
              );
            }}
          />
        )}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('providers.deleteTitle')}
        body={t('providers.deleteBody', { name: deleting?.name })}
        confirmLabel={t('common.delete')}
        onConfirm={async () => {
          if (deleting === null) return;
          await api.providers.remove(deleting.id);
          await refresh();
          toast.success(t('providers.deleted', { name: deleting.name }));
        }}
      />
    </>
  );
}
