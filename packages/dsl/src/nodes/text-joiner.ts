import { z } from 'zod';
import { defineNode } from './define.js';

/** mode 0 joins the inputs through `prompt` ({{name}} placeholders); mode 1 splits the input by `separator`. */
export const textJoiner = defineNode({
  type: 'text-joiner',
  title: 'Text',
  originalLabel: '工具',
  category: 'transform',
  nodeParam: z.looseObject({
    mode: z.literal([0, 1], { error: 'expected 0 (join) or 1 (split)' }).default(0),
    prompt: z.string().default(''),
    separator: z.string().default(''),
  }),
  outputs: 'fixed',
  fixedOutputs: [{ name: 'output', type: 'string', description: 'A string when joining, array-string when splitting' }],
  errorBranch: false,
});
