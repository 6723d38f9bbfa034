import type { NodeType } from '../node-type.js';
import { asText, renderTemplate } from './template.js';

/** text-joiner: mode 0 renders `prompt` with the inputs; mode 1 splits the (only) input by `separator`. */
export const textJoinerNode: NodeType = {
  type: 'text-joiner',
  async execute({ node, inputs }) {
    const name = node.outputs[0]?.name ?? 'output';
    if (Number(node.param.mode ?? 0) === 1) {
      const separator = typeof node.param.separator === 'string' && node.param.separator !== '' ? node.param.separator : ',';
      const text = asText(Object.values(inputs)[0]);
      return { outputs: { [name]: text === '' ? [] : text.split(separator) } };
    }
    return { outputs: { [name]: renderTemplate(typeof node.param.prompt === 'string' ? node.param.prompt : '', inputs) } };
  },
};
