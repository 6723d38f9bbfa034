import { useQueryClient } from '@tanstack/react-query';
import { TriangleAlert } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { Agent } from '../../api/types.js';
import { InlineError } from '../../components/error-state.js';
import { Button } from '../../components/ui/button.js';
import { Dialog } from '../../components/ui/dialog.js';
import { useSubmit } from '../../lib/use-submit.js';

/** Publishes the saved draft as the next version, the one /v1 serves; then says which version it became. */
export function PublishDialog({
  agent,
  open,
  dirty,
  onClose,
}: {
  agent: Agent;
  open: boolean;
  dirty: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const publishing = useSubmit();
  const [published, setPublished] = useState<number | null>(null);
  const next = (agent.publishedVersion ?? 0) + 1;

  function close() {
    publishing.reset();
    setPublished(null);
    onClose();
  }

  async function publish() {
    await publishing.run(async () => {
      const result = await api.agents.publish(agent.id);
      setPublished(result.version);
      await queryClient.invalidateQueries({ queryKey: keys.agents });
    });
  }

  if (published !== null)
    return (
      <Dialog
        open={open}
        onClose={close}
        title={t('agents.publish.doneTitle')}
        data-testid="agent-publish-dialog"
        footer={<Button onClick={close}>{t('common.done')}</Button>}
      >
        <p className="text-sm text-slate-600" data-testid="agent-published-version" data-version={published}>
          {t('agents.publish.done', { version: published })}
        </p>
      </Dialog>
    );

  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('agents.publish.title')}
      data-testid="agent-publish-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button loading={publishing.busy} onClick={() => void publish()} data-testid="agent-publish-submit">
            {t('agents.publish.submit', { version: next })}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-sm text-slate-600">
        <p>{t('agents.publish.body', { version: next })}</p>
        {dirty && (
          <p className="flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-amber-800">
            <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
            {t('agents.publish.unsaved')}
          </p>
        )}
        {agent.model === null && <p className="text-amber-700">{t('agents.chat.needsModel')}</p>}
        <InlineError error={publishing.error} />
      </div>
    </Dialog>
  );
}
