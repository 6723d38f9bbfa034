import { useQueryClient } from '@tanstack/react-query';
import { MessageSquarePlus, Send, Square } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { keys } from '../../api/queries.js';
import type { Agent } from '../../api/types.js';
import { Button } from '../../components/ui/button.js';
import { Card, CardHeader } from '../../components/ui/card.js';
import { Textarea } from '../../components/ui/input.js';
import { errorMessage } from '../../lib/errors.js';
import { applyEvent, historyOf, type AssistantMessage, type ChatMessage } from './chat-state.js';
import { streamAgentChat, type ChatRequest } from './chat-stream.js';
import { Citations } from './citations.js';
import { ToolStep } from './tool-step.js';

function Bubble({ message }: { message: ChatMessage }) {
  const { t } = useTranslation();
  if (message.role === 'user')
    return (
      <div className="flex justify-end" data-testid="chat-message" data-role="user">
        <p className="max-w-[85%] whitespace-pre-wrap rounded-lg bg-indigo-600 px-3 py-2 text-sm text-white">
          {message.content}
        </p>
      </div>
    );
  const usage = message.usage;
  return (
    <div
      className="space-y-1.5"
      data-testid="chat-message"
      data-role="assistant"
      data-pending={message.pending}
    >
      {message.steps.map((step) => (
        <ToolStep key={`${step.kind}-${step.id}`} step={step} />
      ))}
      {(message.content !== '' || (message.pending && message.steps.length === 0)) && (
        <p className="max-w-[95%] whitespace-pre-wrap rounded-lg bg-slate-100 px-3 py-2 text-sm text-slate-900">
          {message.content}
          {message.pending && (
            <span className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-slate-400 align-middle" />
          )}
        </p>
      )}
      {message.citations !== undefined && <Citations citations={message.citations} />}
      {message.error !== undefined && (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
          data-testid="chat-error"
        >
          {message.error}
        </p>
      )}
      {message.stopped === true && <p className="text-xs text-slate-400">{t('agents.chat.stopped')}</p>}
      {usage !== undefined && (
        <p className="text-xs text-slate-400" data-testid="chat-usage">
          {t('agents.chat.usage', {
            prompt: usage.prompt_tokens ?? 0,
            completion: usage.completion_tokens ?? 0,
            total: usage.total_tokens ?? (usage.prompt_tokens ?? 0) + (usage.completion_tokens ?? 0),
          })}
        </p>
      )}
    </div>
  );
}

/** Talks to the saved draft (POST /api/agents/:id/chat), streaming the answer and every tool step. */
export function DebugChat({ agent, canChat, dirty }: { agent: Agent; canChat: boolean; dirty: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [input, setInput] = useState('');
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const bottom = useRef<HTMLDivElement>(null);

  useEffect(() => () => controller.current?.abort(), []);
  useEffect(() => {
    bottom.current?.scrollIntoView?.({ block: 'end' });
  }, [messages]);

  const updateAnswer = (update: (message: AssistantMessage) => AssistantMessage) =>
    setMessages((current) => {
      const last = current[current.length - 1];
      if (last?.role !== 'assistant') return current;
      return [...current.slice(0, -1), update(last)];
    });

  async function send(text: string) {
    const question = text.trim();
    if (question === '' || running) return;
    // With server-side memory the conversation id carries the history; without it, the history is sent.
    const request: ChatRequest =
      conversationId !== null && agent.memory.enabled
        ? { messages: [{ role: 'user', content: question }], conversationId }
        : { messages: [...historyOf(messages), { role: 'user', content: question }] };
    setMessages((current) => [
      ...current,
      { role: 'user', content: question },
      { role: 'assistant', content: '', steps: [], pending: true },
    ]);
    setInput('');
    setRunning(true);
    const abort = new AbortController();
    controller.current = abort;
    try {
      await streamAgentChat(
        agent.id,
        request,
        (event) => {
          if (event.type === 'conversation') setConversationId(event.conversationId);
          else updateAnswer((message) => applyEvent(message, event));
        },
        abort.signal,
      );
      updateAnswer((message) => ({ ...message, pending: false }));
    } catch (error) {
      if (abort.signal.aborted) updateAnswer((message) => ({ ...message, pending: false, stopped: true }));
      else updateAnswer((message) => ({ ...message, pending: false, error: errorMessage(error, t) }));
    } finally {
      if (controller.current === abort) controller.current = null;
      setRunning(false);
      // A completed turn is in the logs now.
      void queryClient.invalidateQueries({ queryKey: keys.agentConversations(agent.id) });
    }
  }

  function startOver() {
    controller.current?.abort();
    setMessages([]);
    setConversationId(null);
    setInput('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send(input);
    }
  }

  const blocked = !canChat
    ? t('agents.chat.noEdit')
    : agent.model === null
      ? t('agents.chat.needsModel')
      : null;
  const asked = messages.some((message) => message.role === 'user');

  return (
    <Card className="flex h-[calc(100vh-11rem)] min-h-[28rem] flex-col" data-testid="debug-chat">
      <CardHeader
        title={t('agents.chat.title')}
        description={dirty ? t('agents.chat.unsaved') : t('agents.chat.description')}
        actions={
          <Button
            variant="secondary"
            size="sm"
            onClick={startOver}
            disabled={messages.length === 0}
            data-testid="chat-new"
          >
            <MessageSquarePlus className="size-3.5" aria-hidden />
            {t('agents.chat.newConversation')}
          </Button>
        }
      />
      <div className="min-h-0 flex-1 space-y-3 overflow-y-auto px-5 py-4" aria-live="polite">
        {agent.openingMessage !== '' && (
          <p
            className="max-w-[95%] whitespace-pre-wrap rounded-lg bg-slate-100 px-3 py-2 text-sm text-slate-900"
            data-testid="chat-opening"
          >
            {agent.openingMessage}
          </p>
        )}
        {!asked && agent.suggestedQuestions.length > 0 && (
          <div className="flex flex-wrap gap-2">
            {agent.suggestedQuestions.map((question) => (
              <button
                key={question}
                type="button"
                disabled={blocked !== null || running}
                onClick={() => void send(question)}
                className="rounded-full bg-white px-3 py-1 text-xs text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50 disabled:opacity-50"
                data-testid="chat-suggestion"
              >
                {question}
              </button>
            ))}
          </div>
        )}
        {messages.length === 0 && agent.openingMessage === '' && agent.suggestedQuestions.length === 0 && (
          <p className="pt-8 text-center text-sm text-slate-400">{t('agents.chat.empty')}</p>
        )}
        {messages.map((message, index) => (
          <Bubble key={index} message={message} />
        ))}
        <div ref={bottom} />
      </div>
      <form
        className="space-y-2 border-t border-slate-100 px-5 py-3"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void send(input);
        }}
      >
        {blocked !== null && <p className="text-xs text-amber-700">{blocked}</p>}
        <div className="flex items-end gap-2">
          <Textarea
            rows={2}
            className="min-h-0 resize-none"
            value={input}
            placeholder={t('agents.chat.placeholder')}
            aria-label={t('agents.chat.placeholder')}
            disabled={blocked !== null}
            onChange={(event) => setInput(event.target.value)}
            onKeyDown={onKeyDown}
            data-testid="chat-input"
          />
          {running ? (
            <Button variant="secondary" onClick={() => controller.current?.abort()} data-testid="chat-stop">
              <Square className="size-3.5" aria-hidden />
              {t('agents.chat.stop')}
            </Button>
          ) : (
            <Button type="submit" disabled={blocked !== null || input.trim() === ''} data-testid="chat-send">
              <Send className="size-3.5" aria-hidden />
              {t('agents.chat.send')}
            </Button>
          )}
        </div>
      </form>
    </Card>
  );
}
