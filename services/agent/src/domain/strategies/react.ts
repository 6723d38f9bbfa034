import { addUsage, emptyUsage, type LlmMessage, type LlmReply } from '@astron/llm';
import type { ToolSpec } from '../tools/provider.js';
import type { RunOutcome } from '../types.js';
import { finalAnswerStreamer, parseReactTurn } from './react-parser.js';
import { MAX_STEPS_NOTE, readableArguments, stepRecorder, type Strategy } from './strategy.js';

function toolList(specs: ToolSpec[]): string {
  return specs.map((spec) => `- ${spec.name}: ${spec.description}\n  input JSON schema: ${JSON.stringify(spec.parameters)}`).join('\n');
}

/** The protocol, added to the agent's instructions. */
export function reactInstructions(specs: ToolSpec[]): string {
  const names = specs.map((spec) => spec.name).join(', ');
  return [
    'You can use these tools:',
    toolList(specs),
    '',
    'Use exactly this format:',
    'Thought: what you need to do next',
    `Action: the tool to use, one of [${names}]`,
    'Action Input: the tool input as one JSON object',
    'Then stop and wait: the result comes back as "Observation: ...". Repeat Thought / Action / Action Input as needed.',
    'When you know the answer:',
    'Thought: I know the final answer',
    'Final Answer: the answer for the user',
  ].join('\n');
}

function withProtocol(messages: LlmMessage[], specs: ToolSpec[]): LlmMessage[] {
  const protocol = reactInstructions(specs);
  const [first, ...rest] = messages;
  if (first?.role === 'system' && typeof first.content === 'string') return [{ role: 'system', content: `${first.content}\n\n${protocol}` }, ...rest];
  return [{ role: 'system', content: protocol }, ...messages];
}

/**
 * ReAct for models without tool calling: a text protocol (Thought / Action / Action Input / Observation /
 * Final Answer) parsed leniently. Only the final answer streams as content; thoughts become the `reason`
 * of tool-call steps.
 */
export const react: Strategy = async (input) => {
  const { model, toolbox, emit, signal } = input;
  const messages = toolbox.specs.length > 0 ? withProtocol(input.messages, toolbox.specs) : [...input.messages];
  const recorder = stepRecorder(emit);
  const usage = emptyUsage();
  let reasoning = '';

  const ask = async (): Promise<{ reply: LlmReply; streamed: boolean }> => {
    const streamer = finalAnswerStreamer((text) => emit({ type: 'delta', content: text }));
    const reply = await model.complete({
      messages,
      signal,
      onContent: (text) => streamer.push(text),
      onReasoning: (text) => {
        reasoning += text;
        emit({ type: 'delta', reasoning: text });
      },
    });
    addUsage(usage, reply.usage);
    return { reply, streamed: streamer.emitted() };
  };

  const answerWith = (text: string, streamed: boolean, reply: LlmReply): RunOutcome => {
    if (!streamed && text !== '') emit({ type: 'delta', content: text });
    return { content: text, reasoning, finishReason: reply.finishReason === 'length' ? 'length' : 'stop', usage, steps: recorder.steps };
  };

  for (let step = 1; step <= input.maxSteps; step += 1) {
    const { reply, streamed } = await ask();
    const turn = parseReactTurn(reply.content);
    if (turn.kind === 'final') return answerWith(turn.answer, streamed, reply);
    if (turn.kind === 'none' || toolbox.specs.length === 0) return answerWith(turn.kind === 'none' ? turn.text : reply.content.trim(), streamed, reply);
    const id = `react_${step}`;
    recorder.record({ type: 'tool_call', id, name: turn.tool, arguments: readableArguments(turn.input), ...(turn.thought === '' ? {} : { reason: turn.thought }) });
    const outcome = await toolbox.call(turn.tool, turn.input, signal);
    recorder.record({ type: 'tool_result', id, name: turn.tool, ...(outcome.ok ? { result: outcome.text } : { error: outcome.text }), durationMs: outcome.durationMs });
    messages.push({ role: 'assistant', content: turn.text }, { role: 'user', content: `Observation: ${outcome.text}` });
  }

  recorder.record({ type: 'max_steps_reached', maxSteps: input.maxSteps, message: `the agent used all ${input.maxSteps} steps; it answers without more tools` });
  messages.push({ role: 'user', content: `${MAX_STEPS_NOTE} Reply with "Final Answer: ..." only.` });
  const { reply, streamed } = await ask();
  const turn = parseReactTurn(reply.content);
  const text = turn.kind === 'final' ? turn.answer : turn.kind === 'action' ? turn.thought || reply.content.trim() : turn.text;
  return answerWith(text, streamed, reply);
};
