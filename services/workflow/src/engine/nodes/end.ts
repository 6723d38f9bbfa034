import type { NodeType } from '../node-type.js';
import { renderTemplate } from './template.js';

/**
 * node-end: outputMode 0 returns its inputs as the run's outputs; 1 renders `template` (and `reasoningTemplate`)
 * with them and streams the text to the caller, the run's outputs then being `{ output }` (and `reasoning`).
 */
export const endNode: NodeType = {
  type: 'node-end',
  async execute({ node, inputs, emit }) {
    if (Number(node.param.outputMode ?? 0) === 0) return { outputs: inputs };
    const reasoningTemplate = typeof node.param.reasoningTemplate === 'string' ? node.param.reasoningTemplate : '';
    const reasoning = reasoningTemplate === '' ? '' : renderTemplate(reasoningTemplate, inputs);
    const output = renderTemplate(typeof node.param.template === 'string' ? node.param.template : '', inputs);
    emit({ content: output, ...(reasoning === '' ? {} : { reasoning }) });
    return { outputs: { output, ...(reasoning === '' ? {} : { reasoning }) } };
  },
};

/** The end of an iteration or loop body: its inputs are the pass's result. */
export const bodyEndNode = (type: 'iteration-node-end' | 'loop-node-end'): NodeType => ({
  type,
  async execute({ inputs }) {
    return { outputs: inputs };
  },
});
