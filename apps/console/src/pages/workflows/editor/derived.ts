import { elementTypeOf, typeTagOf } from '@astron/dsl';
import type { Draft, DraftNode, DraftOutput } from './draft.js';
import { parentOf, typeOfNode, updateData } from './draft.js';
import { uuid } from './ids.js';

function sameOutputs(current: DraftOutput[], next: { name: string; type: string }[]): boolean {
  return (
    current.length === next.length &&
    current.every((output, index) => output.name === next[index]!.name && output.schema.type === next[index]!.type)
  );
}

/** Outputs named and typed as `wanted`, keeping the ids (and extra keys) of those that stay. */
function outputsLike(current: DraftOutput[], wanted: { name: string; type: string }[]): DraftOutput[] {
  return wanted.map(({ name, type }) => {
    const existing = current.find((output) => output.name === name);
    return existing === undefined
      ? { id: uuid(), name, schema: { type }, required: false }
      : { ...existing, schema: { ...existing.schema, type } };
  });
}

function arrayOf(type: string): string {
  return ['string', 'boolean', 'integer', 'number', 'object'].includes(type) ? `array-${type}` : 'array';
}

/**
 * What the canvas derives instead of asking for it: an iteration's start node offers the current element, named
 * like the iteration's first input; the iteration's outputs are its end nodes' inputs, collected into arrays.
 * Untouched nodes keep their objects.
 */
export function deriveOutputs(draft: Draft): Draft {
  let next = draft;
  for (const iteration of draft.nodes) {
    if (typeOfNode(iteration) !== 'iteration') continue;
    const body = draft.nodes.filter((node) => parentOf(node) === iteration.id);
    const first = iteration.data.inputs[0];
    const element = first === undefined ? [] : [{ name: first.name, type: elementOrAny(typeTagOf(first.schema)) }];
    for (const start of body.filter((node) => typeOfNode(node) === 'iteration-node-start')) {
      if (sameOutputs(start.data.outputs, element)) continue;
      next = updateData(next, start.id, (data) => ({ ...data, outputs: outputsLike(data.outputs, element) }));
    }
    const collected = body
      .filter((node: DraftNode) => typeOfNode(node) === 'iteration-node-end')
      .flatMap((end) => end.data.inputs.map((input) => ({ name: input.name, type: arrayOf(typeTagOf(input.schema)) })))
      .filter((output, index, all) => output.name !== '' && all.findIndex((other) => other.name === output.name) === index);
    if (!sameOutputs(iteration.data.outputs, collected)) {
      next = updateData(next, iteration.id, (data) => ({ ...data, outputs: outputsLike(data.outputs, collected) }));
    }
  }
  return next;
}

function elementOrAny(type: string): string {
  const element = elementTypeOf(type as Parameters<typeof elementTypeOf>[0]);
  return element === 'any' ? 'string' : element;
}
