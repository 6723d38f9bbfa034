import type { AgentStep, ChatTurn, Citation } from '../../api/types.js';
import type { ChatEvent, Usage } from './chat-stream.js';

/** A tool step as shown: its call and, once it arrives, its result. */
export interface StepView {
  id: string;
  kind: 'tool' | 'max_steps';
  name: string;
  arguments?: unknown;
  result?: string;
  error?: string;
  durationMs?: number;
  message?: string;
}

export type ChatMessage =
  | { role: 'user'; content: string }
  | {
      role: 'assistant';
      content: string;
      steps: StepView[];
      usage?: Usage;
      /** The knowledge passages the answer cites as [n]. */
      citations?: Citation[];
      error?: string;
      pending: boolean;
      stopped?: boolean;
    };

export type AssistantMessage = Extract<ChatMessage, { role: 'assistant' }>;

function applyStep(steps: StepView[], step: AgentStep): StepView[] {
  if (step.type === 'max_steps_reached')
    return [
      ...steps,
      { id: `max-${steps.length}`, kind: 'max_steps', name: '', message: step.message ?? '' },
    ];
  if (step.type === 'tool_call')
    return [...steps, { id: step.id, kind: 'tool', name: step.name, arguments: step.arguments }];
  const known = steps.some((item) => item.id === step.id && item.kind === 'tool');
  const finished = { result: step.result, error: step.error, durationMs: step.durationMs };
  return known
    ? steps.map((item) => (item.id === step.id && item.kind === 'tool' ? { ...item, ...finished } : item))
    : [...steps, { id: step.id, kind: 'tool', name: step.name, ...finished }];
}

/** A finished answer's steps as shown: each call joined with its result (the logs keep them as streamed). */
export function stepViews(steps: AgentStep[]): StepView[] {
  return steps.reduce<StepView[]>(applyStep, []);
}

/** The answer being streamed, after one more event. */
export function applyEvent(message: AssistantMessage, event: ChatEvent): AssistantMessage {
  switch (event.type) {
    case 'delta':
      return { ...message, content: message.content + event.content };
    case 'step':
      return { ...message, steps: applyStep(message.steps, event.step) };
    case 'usage':
      return { ...message, usage: event.usage };
    case 'citations':
      return { ...message, citations: event.citations };
    case 'error':
      return { ...message, error: event.message, pending: false };
    case 'done':
      return { ...message, pending: false };
    default:
      return message;
  }
}

/** The turns to send: answers that failed before saying anything are left out. */
export function historyOf(messages: ChatMessage[]): ChatTurn[] {
  return messages
    .filter((message) => message.role === 'user' || message.content !== '')
    .map((message) => ({ role: message.role, content: message.content }));
}
