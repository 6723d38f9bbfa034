import { z } from 'zod';
import { defineNode } from './define.js';

/** Renders a Liquid template over the node's inputs. The original only names this type; the parameters are ours. */
export const templateTransform = defineNode({
  type: 'template-transform',
  title: 'Template',
  originalLabel: '工具',
  category: 'transform',
  nodeParam: z.looseObject({
    template: z.string().min(1, 'the template is empty').meta({ description: 'Liquid: {{ name }}, {% if %}, {% for %}' }),
  }),
  outputs: 'fixed',
  fixedOutputs: [{ name: 'output', type: 'string' }],
  errorBranch: false,
});
