import { Liquid } from 'liquidjs';
import { NodeFailure, type NodeType } from '../node-type.js';

// Liquid is sandboxed by design (no code, no file system here: templates come from the node, not from files);
// limits keep a template from looping or allocating without end.
const liquid = new Liquid({ strictFilters: true, parseLimit: 100_000, renderLimit: 2_000, memoryLimit: 16 * 1024 * 1024 });

/** template-transform: renders its Liquid `template` over the node's inputs into `output`. */
export const templateTransformNode: NodeType = {
  type: 'template-transform',
  async execute({ node, inputs }) {
    const template = typeof node.param.template === 'string' ? node.param.template : '';
    try {
      return { outputs: { output: await liquid.parseAndRender(template, inputs) } };
    } catch (error) {
      throw new NodeFailure('template_invalid', `${node.aliasName}: ${error instanceof Error ? error.message : String(error)}`);
    }
  },
};
