import type { EgressClient } from '@astron/kit/egress';
import type { AgentLimits } from '../config.js';
import { createModelClient, type LlmMessage } from '@astron/llm';
import type { ConversationOrigin } from '../store/conversations-store.js';
import type { ConversationsDomain } from './memory/conversations.js';
import { fillInstructions } from './memory/prompt.js';
import { windowByTokens } from './memory/token-window.js';
import { selectStrategy } from './strategies/select.js';
import { openToolbox } from './tools/toolbox.js';
import { citationsOf, type Citation } from './tools/knowledge-provider.js';
import type { ToolProvider } from './tools/provider.js';
import type { AgentDefinition, ChatTurn, EmitEvent, ModelEndpoint, RunOutcome } from './types.js';

export interface RunRequest {
  definition: AgentDefinition;
  model: ModelEndpoint;
  /** The new messages of this turn (user, or a replayed history when memory is off). */
  messages: ChatTurn[];
  conversationId?: string;
  variables: Record<string, string | number | boolean>;
  /** False for stateless runs (the original's chat API): no conversation is read or written. */
  remember?: boolean;
  /** Kept on a new conversation for the agent's logs. */
  origin: ConversationOrigin;
  /** On whose behalf tools that call other services act (the service token's app or user). */
  caller?: { app?: string; user?: string };
}

export interface RunResult extends RunOutcome {
  /** The knowledge passages the run retrieved, numbered as the model was asked to cite them. */
  citations: Citation[];
  conversationId: string | null;
  model: string;
  strategy: 'function-calling' | 'react';
}

/** A run whose inputs are checked and whose conversation is open; `execute` talks to the model. */
export interface PreparedRun {
  conversationId: string | null;
  model: string;
  execute(emit: EmitEvent, signal: AbortSignal): Promise<RunResult>;
}

export interface AgentRunnerDependencies {
  conversations: ConversationsDomain;
  providers: ToolProvider[];
  egress: EgressClient;
  limits: AgentLimits;
}

/** Runs agents: tools from the providers, memory from the conversation, a strategy chosen per run. */
export function agentRunner(dependencies: AgentRunnerDependencies) {
  const { conversations, limits } = dependencies;

  return {
    /** Everything that can be refused (unknown tools, another space's conversation) fails here, before any output. */
    async prepare(spaceId: string, request: RunRequest): Promise<PreparedRun> {
      const { definition } = request;
      const remember = request.remember !== false;
      const scope = { spaceId, conversationId: request.conversationId ?? '', caller: request.caller ?? {} };
      const toolbox = await openToolbox(definition.tools, {
        providers: dependencies.providers,
        scope,
        egress: dependencies.egress,
        timeoutMs: limits.toolTimeoutMs,
        resultMaxChars: limits.toolResultMaxChars,
      });
      const opened = remember ? await conversations.open(spaceId, request.conversationId, definition.id ?? null, request.origin) : null;
      // Tools read the scope when they run, by then with the conversation's id.
      scope.conversationId = opened?.id ?? '';
      const endpoint = { ...request.model, model: definition.model ?? request.model.model };
      const model = createModelClient(endpoint, definition.parameters, limits.llmTimeoutMs);
      const instructions = fillInstructions(definition.instructions, request.variables);
      const system: ChatTurn | null = instructions.trim() === '' ? null : { role: 'system', content: instructions };
      const remembered: ChatTurn[] =
        opened !== null && definition.memory.enabled
          ? opened.history.filter((message) => message.role === 'user' || message.role === 'assistant').map((message) => ({ role: message.role as ChatTurn['role'], content: message.content }))
          : [];
      const window = await windowByTokens(system, [...remembered, ...request.messages], definition.memory.maxTokens);
      const maxSteps = Math.min(definition.maxSteps, limits.maxSteps);
      const strategy = selectStrategy(definition.strategy, model);

      return {
        conversationId: opened?.id ?? null,
        model: endpoint.model,
        async execute(emit, signal) {
          const messages: LlmMessage[] = window.turns.map((turn) => ({ role: turn.role, content: turn.content }));
          const started = performance.now();
          const outcome = await strategy.run({ model, messages, toolbox, maxSteps, emit, signal });
          // The turn is remembered whole or not at all, so a failed run can simply be sent again.
          if (opened !== null) {
            await conversations.append(spaceId, opened.id, [
              ...request.messages.map((turn) => ({ role: turn.role, content: turn.content })),
              {
                role: 'assistant',
                content: outcome.content,
                steps: outcome.steps,
                usage: { promptTokens: outcome.usage.prompt_tokens, completionTokens: outcome.usage.completion_tokens },
                model: endpoint.model,
                durationMs: performance.now() - started,
              },
            ]);
          }
          return { ...outcome, citations: citationsOf(outcome.steps), conversationId: opened?.id ?? null, model: endpoint.model, strategy: strategy.name };
        },
      };
    },
  };
}

export type AgentRunner = ReturnType<typeof agentRunner>;
