import { addUsage, emptyUsage, type LlmMessage, type LlmReply } from '@astron/llm';
import type { RunOutcome } from '../types.js';
import { MAX_STEPS_NOTE, readableArguments, stepRecorder, type Strategy } from './strategy.js';

/**
 * OpenAI tool calling: the model asks for tools, they run (several at once when it asks for several),
 * their results go back as tool messages, until it answers without tools or maxSteps rounds are spent.
 * Content streams as it comes; text written beside tool calls stays part of the answer and of the
 * tool call's `reason`, so the streamed and the returned answer are the same.
 */
export const functionCalling: Strategy = async (input) => {
  const { model, toolbox, emit, signal } = input;
  const messages: LlmMessage[] = [...input.messages];
  const recorder = stepRecorder(emit);
  const usage = emptyUsage();
  let answer = '';
  let reasoning = '';

  const ask = async (withTools: boolean): Promise<LlmReply> => {
    let first = true;
    const reply = await model.complete({
      messages,
      ...(withTools ? { tools: toolbox.specs } : {}),
      signal,
      onContent: (text) => {
        const piece = first && answer !== '' ? `\n\n${text}` : text;
        first = false;
        answer += piece;
        emit({ type: 'delta', content: piece });
      },
      onReasoning: (text) => {
        reasoning += text;
        emit({ type: 'delta', reasoning: text });
      },
    });
    addUsage(usage, reply.usage);
    return reply;
  };

  const finish = (reply: LlmReply): RunOutcome => ({
    content: answer,
    reasoning,
    finishReason: reply.finishReason === 'length' ? 'length' : 'stop',
    usage,
    steps: recorder.steps,
  });

  for (let step = 1; step <= input.maxSteps; step += 1) {
    const reply = await ask(toolbox.specs.length > 0);
    if (reply.toolCalls.length === 0) return finish(reply);
    messages.push({
      role: 'assistant',
      content: reply.content === '' ? null : reply.content,
      tool_calls: reply.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
    });
    for (const call of reply.toolCalls) {
      recorder.record({ type: 'tool_call', id: call.id, name: call.name, arguments: readableArguments(call.arguments), ...(reply.content === '' ? {} : { reason: reply.content }) });
    }
    const outcomes = await Promise.all(
      reply.toolCalls.map(async (call) => {
        const outcome = await toolbox.call(call.name, call.arguments, signal);
        // Recorded as each finishes, so a slow tool does not hold back the others' results.
        recorder.record({ type: 'tool_result', id: call.id, name: call.name, ...(outcome.ok ? { result: outcome.text } : { error: outcome.text }), durationMs: outcome.durationMs });
        return outcome;
      }),
    );
    reply.toolCalls.forEach((call, index) => messages.push({ role: 'tool', tool_call_id: call.id, content: outcomes[index]?.text ?? '' }));
  }

  recorder.record({ type: 'max_steps_reached', maxSteps: input.maxSteps, message: `the agent used all ${input.maxSteps} steps; it answers without more tools` });
  messages.push({ role: 'user', content: MAX_STEPS_NOTE });
  return finish(await ask(false));
};
