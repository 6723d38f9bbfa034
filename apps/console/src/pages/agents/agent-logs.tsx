import { useInfiniteQuery } from '@tanstack/react-query';
import { MessagesSquare } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys } from '../../api/queries.js';
import type { Agent, ConversationSource, ConversationSummary } from '../../api/types.js';
import { ErrorState, InlineError } from '../../components/error-state.js';
import { Button } from '../../components/ui/button.js';
import { Card, CardHeader } from '../../components/ui/card.js';
import { EmptyState } from '../../components/ui/empty-state.js';
import { Select } from '../../components/ui/select.js';
import { SkeletonRows } from '../../components/ui/skeleton.js';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table.js';
import { formatDateTime, formatRelative } from '../../lib/format.js';
import { ConversationDialog, SourceBadge } from './conversation-dialog.js';
import { formatCount } from './log-format.js';

const PAGE_SIZE = 20;

type SourceFilter = 'all' | ConversationSource;
const SOURCE_FILTERS: SourceFilter[] = ['all', 'debug', 'api'];

/** The agent's conversations from the debug chat and the API, most recently active first, with their usage. */
export function AgentLogs({ agent, editable }: { agent: Agent; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const [source, setSource] = useState<SourceFilter>('all');
  const [opened, setOpened] = useState<ConversationSummary | null>(null);
  const conversations = useInfiniteQuery({
    queryKey: keys.agentConversations(agent.id, source),
    queryFn: ({ pageParam }) =>
      api.agents.conversations(agent.id, {
        cursor: pageParam,
        limit: PAGE_SIZE,
        source: source === 'all' ? undefined : source,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const rows: ConversationSummary[] = conversations.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Card>
      <CardHeader
        title={t('agents.logs.title')}
        description={t('agents.logs.description')}
        actions={
          <Select
            aria-label={t('agents.logs.source')}
            value={source}
            onChange={(event) => setSource(event.target.value as SourceFilter)}
            className="w-40"
            data-testid="agent-logs-source-filter"
          >
            {SOURCE_FILTERS.map((item) => (
              <option key={item} value={item}>
                {item === 'all' ? t('agents.logs.allSources') : t(`agents.logs.sources.${item}`)}
              </option>
            ))}
          </Select>
        }
      />
      {conversations.isPending && <SkeletonRows rows={4} label={t('common.loading')} />}
      {conversations.isError && rows.length === 0 && (
        <ErrorState error={conversations.error} onRetry={() => void conversations.refetch()} />
      )}
      {conversations.isSuccess && rows.length === 0 && (
        <EmptyState
          icon={MessagesSquare}
          title={source === 'all' ? t('agents.logs.empty') : t('agents.logs.emptyFiltered')}
          description={t('agents.logs.emptyHint')}
        />
      )}
      {rows.length > 0 && (
        <Table data-testid="agent-logs-table">
          <TableHead>
            <tr>
              <TableHeader>{t('agents.logs.time')}</TableHeader>
              <TableHeader>{t('agents.logs.conversation')}</TableHeader>
              <TableHeader>{t('agents.logs.source')}</TableHeader>
              <TableHeader className="text-right">{t('agents.logs.messages')}</TableHeader>
              <TableHeader className="text-right">{t('agents.logs.tokens')}</TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {rows.map((conversation) => (
              <TableRow
                key={conversation.id}
                className="cursor-pointer"
                onClick={() => setOpened(conversation)}
                data-testid="agent-logs-row"
                data-conversation-id={conversation.id}
                data-source={conversation.source}
              >
                <TableCell className="whitespace-nowrap text-slate-500">
                  <time
                    dateTime={conversation.updatedAt}
                    title={formatDateTime(conversation.updatedAt, i18n.language)}
                  >
                    {formatRelative(conversation.updatedAt, i18n.language)}
                  </time>
                </TableCell>
                <TableCell className="max-w-md">
                  {/* The row opens the conversation; the button makes that reachable by keyboard too. */}
                  <button
                    type="button"
                    className="block max-w-full truncate text-left font-medium text-slate-900 hover:text-indigo-700 hover:underline"
                    title={conversation.title === '' ? undefined : conversation.title}
                  >
                    {conversation.title === '' ? (
                      <span className="font-normal italic text-slate-400">{t('agents.logs.untitled')}</span>
                    ) : (
                      conversation.title
                    )}
                  </button>
                </TableCell>
                <TableCell>
                  <SourceBadge conversation={conversation} />
                </TableCell>
                <TableCell className="text-right tabular-nums text-slate-500">
                  {formatCount(conversation.messageCount, i18n.language)}
                </TableCell>
                <TableCell
                  className="text-right tabular-nums text-slate-500"
                  title={t('agents.logs.tokenSplit', {
                    prompt: formatCount(conversation.usage.promptTokens, i18n.language),
                    completion: formatCount(conversation.usage.completionTokens, i18n.language),
                  })}
                >
                  {formatCount(conversation.usage.totalTokens, i18n.language)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {conversations.isFetchNextPageError && (
        <div className="px-4 pb-2">
          <InlineError error={conversations.error} />
        </div>
      )}
      {conversations.hasNextPage && (
        <div className="flex justify-center border-t border-slate-100 p-3">
          <Button
            variant="secondary"
            size="sm"
            loading={conversations.isFetchingNextPage}
            onClick={() => void conversations.fetchNextPage()}
            data-testid="agent-logs-load-more"
          >
            {t('agents.logs.loadMore')}
          </Button>
        </div>
      )}
      <ConversationDialog
        agentId={agent.id}
        conversation={opened}
        editable={editable}
        onClose={() => setOpened(null)}
      />
    </Card>
  );
}
