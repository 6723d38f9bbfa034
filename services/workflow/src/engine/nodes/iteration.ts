import { NodeFailure, RunFailed, type NodeType } from '../node-type.js';

/**
 * iteration: runs its body once per item of its (first) input array, the body's first node receiving
 * `{ <input name>: item }` as the original does; each output is the list of that output over the passes.
 * nodeParam (packages/dsl nodes/iteration.ts): `parallel` with `parallelLimit` (default 10) runs passes at once;
 * `itemErrorPolicy` 'fail' (the original's behaviour) fails the node with the pass, 'continue' gives the pass null
 * outputs, 'skip' leaves it out of the lists.
 */
export const iterationNode: NodeType = {
  type: 'iteration',
  async execute({ node, inputs, runBody }) {
    const [first] = node.inputs;
    const value = first === undefined ? undefined : inputs[first.name];
    if (!Array.isArray(value)) throw new NodeFailure('iteration_not_an_array', `${node.id} iterates over ${first?.name ?? 'its first input'}, which is not an array`);
    const items = value as unknown[];
    const parallel = node.param.parallel === true;
    const width = parallel ? Math.max(1, Math.min(100, Number(node.param.parallelLimit ?? 10))) : 1;
    const policy = node.param.itemErrorPolicy === 'continue' || node.param.itemErrorPolicy === 'skip' ? node.param.itemErrorPolicy : 'fail';
    const skipped = new Set<number>();
    const results: (Record<string, unknown> | null)[] = new Array<Record<string, unknown> | null>(items.length).fill(null);
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < items.length; index = next++) {
        try {
          results[index] = (await runBody(index, { [first!.name]: items[index] })).outputs;
        } catch (error) {
          if (policy === 'fail' || !(error instanceof RunFailed)) throw error;
          results[index] = null;
          if (policy === 'skip') skipped.add(index);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(width, Math.max(1, items.length)) }, worker));
    const outputs: Record<string, unknown> = {};
    const kept = results.filter((_, index) => !skipped.has(index));
    for (const output of node.outputs) outputs[output.name] = kept.map((result) => result?.[output.name] ?? null);
    return { outputs };
  },
};
