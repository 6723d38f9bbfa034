import { NodeFailure, RunFailed, type NodeType } from '../node-type.js';

/**
 * iteration: runs its body once per item of its (first) input array, the body's first node receiving
 * `{ <input name>: item }` as the original does; each output is the list of that output over the passes.
 * nodeParam `isParallel` with `parallelCount` (default 4) runs passes at once; `errorResponseMethod` 'continue'
 * keeps going past a failed pass (its outputs are null) instead of failing the node.
 */
export const iterationNode: NodeType = {
  type: 'iteration',
  async execute({ node, inputs, runBody }) {
    const [first] = node.inputs;
    const value = first === undefined ? undefined : inputs[first.name];
    if (!Array.isArray(value)) throw new NodeFailure('iteration_not_an_array', `${node.id} iterates over ${first?.name ?? 'its first input'}, which is not an array`);
    const items = value as unknown[];
    const parallel = node.param.isParallel === true;
    const width = parallel ? Math.max(1, Math.min(64, Number(node.param.parallelCount ?? 4))) : 1;
    const tolerant = node.param.errorResponseMethod === 'continue';
    const results: (Record<string, unknown> | null)[] = new Array<Record<string, unknown> | null>(items.length).fill(null);
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < items.length; index = next++) {
        try {
          results[index] = await runBody(index, { [first!.name]: items[index] });
        } catch (error) {
          if (!tolerant || !(error instanceof RunFailed)) throw error;
          results[index] = null;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(width, Math.max(1, items.length)) }, worker));
    const outputs: Record<string, unknown> = {};
    for (const output of node.outputs) outputs[output.name] = results.map((result) => result?.[output.name] ?? null);
    return { outputs };
  },
};
