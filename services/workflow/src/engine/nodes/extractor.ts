import { NodeFailure, type NodeType } from '../node-type.js';
import { modelOf, parseJsonObject, usageOf } from './llm-support.js';
import { asText, renderTemplate } from './template.js';

function coerce(value: unknown, type: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : Number.isInteger(Number(value)) ? Number(value) : null;
    case 'number':
      return typeof value === 'number' ? value : Number.isNaN(Number(value)) ? null : Number(value);
    case 'boolean':
      return typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : null;
    case 'string':
      return asText(value);
    default:
      return value;
  }
}

/**
 * extractor-parameter: the model reads the input and fills every declared output (its type, description and whether
 * it is required come from the output's schema). A required parameter the model could not find fails the node.
 */
export const extractorNode: NodeType = {
  type: 'extractor-parameter',
  async execute(context) {
    const fields = context.node.outputs.map((output) => ({
      name: output.name,
      type: output.schema.type ?? 'string',
      description: typeof output.schema.description === 'string' ? output.schema.description : '',
      required: output.required,
    }));
    const instruction = renderTemplate(typeof context.node.param.instruction === 'string' ? context.node.param.instruction : '', context.inputs);
    const system = [
      'Extract these parameters from the user text. Answer with one JSON object with exactly these keys; use null for a value the text does not give.',
      ...fields.map((field) => `- ${field.name} (${asText(field.type)}${field.required ? ', required' : ''})${field.description === '' ? '' : `: ${field.description}`}`),
      instruction,
    ]
      .filter((line) => line !== '')
      .join('\n');
    const model = await modelOf(context, { json: true });
    const reply = await model.complete({ messages: [{ role: 'system', content: system }, { role: 'user', content: asText(Object.values(context.inputs)[0]) }], signal: context.signal });
    const object = parseJsonObject(reply.content);
    if (object === null) throw new NodeFailure('extraction_invalid', `the model did not answer with JSON: ${reply.content.slice(0, 200)}`, true);
    const outputs = Object.fromEntries(fields.map((field) => [field.name, coerce(object[field.name], field.type)]));
    const missing = fields.filter((field) => field.required && outputs[field.name] === null).map((field) => field.name);
    if (missing.length > 0) throw new NodeFailure('extraction_incomplete', `the text gives no ${missing.join(', ')}`);
    return { outputs, usage: usageOf(reply.usage) };
  },
};
