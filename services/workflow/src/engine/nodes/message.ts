import type { NodeType } from '../node-type.js';
import { renderTemplate } from './template.js';

/** message: streams `template` rendered with its inputs to the caller while the run goes on. */
export const messageNode: NodeType = {
  type: 'message',
  async execute({ node, inputs, emit }) {
    const output = renderTemplate(typeof node.param.template === 'string' ? node.param.template : '', inputs);
    emit({ content: output });
    return { outputs: { output } };
  },
};
