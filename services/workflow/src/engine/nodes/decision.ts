import { NodeFailure, type NodeType } from '../node-type.js';
import { modelOf, parseJsonObject, usageOf } from './llm-support.js';
import { asText, renderTemplate } from './template.js';

interface Intent {
  id: string;
  name: string;
  description: string;
  /** 1 the default intent, 2 a user intent. */
  intentType: number;
}

/**
 * decision-making: the model classifies the input into one of the intents; the node leaves by that intent's branch
 * (its id), or by the default intent when the answer names none. Output `class_name` as the original's.
 */
export const decisionNode: NodeType = {
  type: 'decision-making',
  async execute(context) {
    const intents = (context.node.param.intentChains as Intent[] | undefined) ?? [];
    const fallback = intents.find((intent) => intent.intentType === 1);
    const choices = intents.filter((intent) => intent.intentType !== 1);
    if (choices.length === 0 && fallback === undefined) throw new NodeFailure('decision_no_intents', `${context.node.aliasName} has no intents`);
    const question = asText(Object.values(context.inputs)[0]);
    const prefix = renderTemplate(typeof context.node.param.promptPrefix === 'string' ? context.node.param.promptPrefix : '', context.inputs);
    const system = [
      prefix,
      'Classify the user input into exactly one of these intents. Answer with one JSON object {"class_name": "<intent name>"}, and nothing else.',
      ...choices.map((intent) => `- ${intent.name}: ${intent.description}`),
      fallback === undefined ? '' : `If none fits, answer {"class_name": "${fallback.name}"}.`,
    ]
      .filter((line) => line !== '')
      .join('\n');
    const model = await modelOf(context, { json: true });
    const reply = await model.complete({ messages: [{ role: 'system', content: system }, { role: 'user', content: question }], signal: context.signal });
    const named = asText(parseJsonObject(reply.content)?.class_name ?? reply.content).trim().toLowerCase();
    const chosen = choices.find((intent) => intent.name.trim().toLowerCase() === named) ?? fallback;
    if (chosen === undefined) throw new NodeFailure('decision_no_match', `the model answered "${named}", which is none of the intents, and there is no default intent`, true);
    return { outputs: { class_name: chosen.name }, branch: chosen.id, usage: usageOf(reply.usage) };
  },
};
