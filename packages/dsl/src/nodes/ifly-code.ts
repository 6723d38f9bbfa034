import { z } from 'zod';
import { defineNode } from './define.js';

/**
 * Code (core/workflow engine/nodes/code/code_node.py): `def main(...)` in Python returning a dict whose keys are
 * the outputs; the arguments are the node's inputs. JavaScript is our addition. appId and uid are the original
 * console's and are kept as they are.
 */
export const iflyCode = defineNode({
  type: 'ifly-code',
  title: 'Code',
  originalLabel: '工具',
  category: 'basic',
  nodeParam: z.looseObject({
    codeLanguage: z.enum(['python', 'javascript'], { error: 'expected python or javascript' }).default('python'),
    code: z.string().min(1, 'the code is empty'),
  }),
  outputs: 'user',
  errorBranch: true,
});
