import { NodeFailure, type NodeType } from '../node-type.js';
import { modelOf, parseJsonObject, promptOf, usageOf } from './llm-support.js';

/**
 * spark-llm: chat with a model of the space; system and user templates take the node's inputs, optional chat history
 * rounds. The answer streams to the run's readers. respFormat 2 asks for JSON: the node's declared outputs are taken
 * from the object (`output` keeps the whole text when the object has no such key).
 */
export const llmNode: NodeType = {
  type: 'spark-llm',
  async execute(context) {
    const json = Number(context.node.param.respFormat ?? 0) === 2;
    const model = await modelOf(context, { json });
    const reply = await model.complete({
      messages: promptOf(context, json ? 'Answer with one JSON object only.' : ''),
      signal: context.signal,
      onContent: (text) => context.emit({ content: text }),
      onReasoning: (text) => context.emit({ reasoning: text }),
    });
    const usage = usageOf(reply.usage);
    if (!json) return { outputs: { output: reply.content, ...(reply.reasoning === '' ? {} : { reasoning_content: reply.reasoning }) }, usage };
    const object = parseJsonObject(reply.content);
    if (object === null) throw new NodeFailure('llm_json_invalid', `${context.node.aliasName} asked for JSON and the model answered: ${reply.content.slice(0, 200)}`, true);
    const outputs: Record<string, unknown> = {};
    for (const output of context.node.outputs) outputs[output.name] = output.name in object ? object[output.name] : output.name === 'output' ? reply.content : null;
    return { outputs, usage };
  },
};
