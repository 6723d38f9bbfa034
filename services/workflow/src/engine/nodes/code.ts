import { isAppError } from '@astron/kit/errors';
import { NodeFailure, type NodeType } from '../node-type.js';

/**
 * ifly-code: `main` in Python (as the original: `def main(a, b)` with the inputs as keyword arguments, returning a
 * dict) or JavaScript (`function main({ a, b })`), run in the sandbox pool (packages/sandbox). The dict's keys are
 * the outputs; a declared output the code does not return fails the node, naming it.
 */
export const codeNode: NodeType = {
  type: 'ifly-code',
  async execute({ node, inputs, services, run, signal }) {
    const sandbox = services.sandbox;
    if (sandbox === undefined) throw new NodeFailure('node_type_unavailable', `${node.aliasName} needs the code sandbox, which this process does not run`);
    const language = node.param.codeLanguage === 'javascript' ? 'javascript' : 'python';
    const code = typeof node.param.code === 'string' ? node.param.code : '';
    const timeoutMs = Math.max(1, node.retry.timeout) * 1000;
    signal.throwIfAborted();
    let result: Record<string, unknown>;
    try {
      ({ result } = await sandbox.run({ language, code, args: inputs, timeoutMs, isolationKey: run.spaceId }));
    } catch (error) {
      // Sandbox errors (syntax, exception with the user's traceback, timeout, memory) are the author's to fix.
      if (isAppError(error)) throw new NodeFailure(error.code, `${node.aliasName}: ${error.message}`, error.retryable);
      throw error;
    }
    if (node.outputs.length === 0) return { outputs: result };
    const missing = node.outputs.filter((output) => !(output.name in result)).map((output) => output.name);
    if (missing.length > 0) throw new NodeFailure('code_output_missing', `${node.aliasName}: main() returned no ${missing.join(', ')} (it returned ${Object.keys(result).join(', ') || 'nothing'})`);
    return { outputs: Object.fromEntries(node.outputs.map((output) => [output.name, result[output.name]])) };
  },
};
