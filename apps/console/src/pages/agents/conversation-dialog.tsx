import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { ConversationSummary, LogMessage } from '../../api/types.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { ErrorState } from '../../components/error-state.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { Dialog } from '../../components/ui/dialog.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { useToast } from '../../components/ui/toast.js';
import { formatDateTime, formatRelative } from '../../lib/format.js';
import { stepViews } from './chat-state.js';
import { formatCount, formatSeconds } from './log-format.js';
import { ToolStep } from './tool-step.js';

/** Where a conversation came from: the console's debug chat, or an API call (with the key's app on hover). */
export function SourceBadge({ conversation }: { conversation: ConversationSummary }) {
  const { t } = useTranslation();
  return (
    <Badge
      tone={conversation.source === 'debug' ? 'brand' : 'neutral'}
      title={conversation.appId === null ? undefined : t('agents.logs.app', { id: conversation.appId })}
      data-source={conversation.source}
    >
      {t(`agents.logs.sources.${conversation.source}`)}
    </Badge>
  );
}

/** Source, size and usage of a conversation, from its summary until the full answer replaces it. */
function Totals({ conversation }: { conversation: ConversationSummary }) {
  const { t, i18n } = useTranslation();
  const count = (value: number) => formatCount(value, i18n.language);
  return (
    <div
      className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600"
      data-testid="agent-log-totals"
    >
      <SourceBadge conversation={conversation} />
      {conversation.appId !== null && (
        <code className="text-slate-500">{t('agents.logs.app', { id: conversation.appId })}</code>
      )}
      <span>{t('agents.logs.messageCount', { count: conversation.messageCount })}</span>
      <span className="font-medium text-slate-800">
        {t('agents.logs.totalTokens', { total: count(conversation.usage.totalTokens) })}
      </span>
      <span>
        {t('agents.logs.tokenSplit', {
          prompt: count(conversation.usage.promptTokens),
          completion: count(conversation.usage.completionTokens),
        })}
      </span>
      <span className="ml-auto" title={formatDateTime(conversation.createdAt, i18n.language)}>
        {t('agents.logs.started', { time: formatRelative(conversation.createdAt, i18n.language) })}
      </span>
    </div>
  );
}

/** One message of the log; an answer comes with its tool steps and what it cost. */
function Message({ message }: { message: LogMessage }) {
  const { t, i18n } = useTranslation();
  const role = <span className="sr-only">{t(`agents.logs.roles.${message.role}`)}: </span>;
  if (message.role === 'user')
    return (
      <div className="flex justify-end" data-testid="agent-log-message" data-role="user">
        <p className="max-w-[85%] whitespace-pre-wrap rounded-lg bg-indigo-600 px-3 py-2 text-sm text-white">
          {role}
          {message.content}
        </p>
      </div>
    );
  if (message.role === 'system' || message.role === 'tool')
    return (
      <div className="space-y-1" data-testid="agent-log-message" data-role={message.role}>
        <p className="text-xs font-medium uppercase tracking-wide text-slate-400">
          {t(`agents.logs.roles.${message.role}`)}
        </p>
        <pre className="max-h-48 overflow-auto whitespace-pre-wrap break-words rounded-md border border-slate-200 px-3 py-2 text-xs text-slate-700">
          {message.content}
        </pre>
      </div>
    );
  const details = [
    message.usage === null
      ? null
      : t('agents.logs.answerUsage', {
          prompt: formatCount(message.usage.promptTokens, i18n.language),
          completion: formatCount(message.usage.completionTokens, i18n.language),
        }),
    message.model,
    message.durationMs === null
      ? null
      : message.durationMs < 1000
        ? t('agents.logs.durationMs', { ms: Math.round(message.durationMs) })
        : t('agents.logs.durationSeconds', { seconds: formatSeconds(message.durationMs, i18n.language) }),
  ].filter((part) => part !== null);
  return (
    <div className="space-y-1.5" data-testid="agent-log-message" data-role="assistant">
      {stepViews(message.steps).map((step) => (
        <ToolStep key={`${step.kind}-${step.id}`} step={step} />
      ))}
      {message.content !== '' && (
        <p className="max-w-[95%] whitespace-pre-wrap rounded-lg bg-slate-100 px-3 py-2 text-sm text-slate-900">
          {role}
          {message.content}
        </p>
      )}
      {details.length > 0 && (
        <p className="text-xs text-slate-400" data-testid="agent-log-usage">
          {details.join(' · ')}
        </p>
      )}
    </div>
  );
}

function Messages({ agentId, conversation }: { agentId: string; conversation: ConversationSummary }) {
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: keys.agentConversation(agentId, conversation.id),
    queryFn: () => api.agents.conversation(agentId, conversation.id),
  });
  return (
    <div className="space-y-4">
      <Totals conversation={detail.data ?? conversation} />
      {detail.isPending && <SkeletonRows rows={3} label={t('common.loading')} />}
      {detail.isError && <ErrorState compact error={detail.error} onRetry={() => void detail.refetch()} />}
      {detail.data !== undefined && detail.data.messages.length === 0 && (
        <p className="py-6 text-center text-sm text-slate-400">{t('agents.logs.noMessages')}</p>
      )}
      {detail.data !== undefined && detail.data.messages.length > 0 && (
        <div className="max-h-[60vh] space-y-3 overflow-y-auto pr-1">
          {detail.data.messages.map((message) => (
            <Message key={message.seq} message={message} />
          ))}
        </div>
      )}
    </div>
  );
}

/** A logged conversation in full: totals at the top, then every message; editors may delete it. */
export function ConversationDialog({
  agentId,
  conversation,
  editable,
  onClose,
}: {
  agentId: string;
  conversation: ConversationSummary | null;
  editable: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [deleting, setDeleting] = useState(false);

  return (
    <>
      <Dialog
        open={conversation !== null}
        onClose={onClose}
        size="lg"
        title={
          conversation === null || conversation.title === ''
            ? t('agents.logs.detailTitle')
            : conversation.title
        }
        data-testid="agent-log-detail"
        footer={
          <>
            {editable && (
              <Button
                variant="destructive-outline"
                className="mr-auto"
                onClick={() => setDeleting(true)}
                data-testid="agent-log-delete"
              >
                <Trash2 className="size-4" aria-hidden />
                {t('agents.logs.delete')}
              </Button>
            )}
            <Button variant="secondary" onClick={onClose}>
              {t('common.close')}
            </Button>
          </>
        }
      >
        {conversation !== null && <Messages agentId={agentId} conversation={conversation} />}
      </Dialog>
      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title={t('agents.logs.deleteTitle')}
        body={t('agents.logs.deleteBody')}
        confirmLabel={t('common.delete')}
        onConfirm={async () => {
          if (conversation === null) return;
          try {
            await api.agents.removeConversation(agentId, conversation.id);
          } catch (failure) {
            // Already gone (deleted in another tab): what was asked for is done.
            if (!isApiError(failure) || failure.status !== 404) throw failure;
          }
          queryClient.removeQueries({ queryKey: keys.agentConversation(agentId, conversation.id) });
          onClose();
          toast.success(t('agents.logs.deleted'));
          await queryClient.invalidateQueries({ queryKey: keys.agentConversations(agentId) });
        }}
      />
    </>
  );
}
