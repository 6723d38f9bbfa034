import type { LlmMessage, ModelClient } from '@astron/llm';
import type { Toolbox } from '../tools/toolbox.js';
import type { AgentStep, EmitEvent, RunOutcome } from '../types.js';

export interface StrategyInput {
  model: ModelClient;
  /** System prompt, remembered history and the new messages, in order. */
  messages: LlmMessage[];
  toolbox: Toolbox;
  maxSteps: number;
  emit: EmitEvent;
  signal: AbortSignal;
}

export type Strategy = (input: StrategyInput) => Promise<RunOutcome>;

/** Records a step and streams it at once. */
export function stepRecorder(emit: EmitEvent): { steps: AgentStep[]; record(step: AgentStep): void } {
  const steps: AgentStep[] = [];
  return {
    steps,
    record(step) {
      steps.push(step);
      emit({ type: 'step', step });
    },
  };
}

/** Arguments as the console shows them: the parsed object when the model wrote JSON, else its text. */
export function readableArguments(raw: string): unknown {
  try {
    return raw.trim() === '' ? {} : (JSON.parse(raw) as unknown);
  } catch {
    return raw;
  }
}

export const MAX_STEPS_NOTE = 'You have used every tool step allowed. Do not call tools any more: answer the user now with what you have found.';
