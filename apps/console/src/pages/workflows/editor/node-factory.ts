import { BRANCH_PREFIX, getNodeDefinition, nodeParamJsonSchema } from '@astron/dsl';
import type { Draft, DraftEdge, DraftInput, DraftNode, DraftOutput, RetryConfigDraft } from './draft.js';
import { newNodeId, uuid } from './ids.js';
import { objectDefaults } from './schema-defaults.js';

export const DEFAULT_RETRY: Required<Pick<RetryConfigDraft, 'timeout' | 'should_retry' | 'max_retries' | 'error_strategy' | 'custom_output'>> = {
  timeout: 60,
  should_retry: false,
  max_retries: 0,
  error_strategy: 0,
  custom_output: {},
};

/** Node types whose new node starts with one unbound input, as the original console's do. */
const WITH_INPUT = new Set([
  'spark-llm',
  'decision-making',
  'extractor-parameter',
  'question-answer',
  'if-else',
  'ifly-code',
  'node-end',
  'iteration-node-end',
  'text-joiner',
  'template-transform',
  'message',
  'variable-aggregator',
]);

export const emptyRef = () => ({ type: 'ref' as const, content: { nodeId: '', name: '' } });

export function newInput(name: string, type = 'string'): DraftInput {
  return { id: uuid(), name, schema: { type, value: emptyRef() } };
}

export function newOutput(name: string, type = 'string'): DraftOutput {
  return { id: uuid(), name, schema: { type }, required: false };
}

/** Branch lists need ids of their own; the schema alone cannot give them. */
function starterParam(type: string): Record<string, unknown> {
  switch (type) {
    case 'if-else':
      return {
        cases: [
          { id: `${BRANCH_PREFIX.case}${uuid()}`, level: 1, logicalOperator: 'and', conditions: [] },
          { id: `${BRANCH_PREFIX.case}${uuid()}`, level: 999, logicalOperator: 'and', conditions: [] },
        ],
      };
    case 'decision-making':
      return {
        intentChains: [
          { id: `${BRANCH_PREFIX.intent}${uuid()}`, name: 'intent_1', description: '', intentType: 2 },
          { id: `${BRANCH_PREFIX.intent}${uuid()}`, name: 'default', description: 'default', intentType: 1 },
        ],
      };
    case 'question-answer':
      return {
        answerType: 'option',
        timeout: 3,
        directAnswer: { handleResponse: false, maxRetryCounts: 2 },
        optionAnswer: [
          { id: `${BRANCH_PREFIX.option}${uuid()}`, name: 'A', type: 2, content_type: 'string', content: '' },
          { id: `${BRANCH_PREFIX.option}${uuid()}`, name: 'default', type: 1, content_type: 'string', content: '' },
        ],
      };
    case 'ifly-code':
      return { code: 'def main(input):\n    return {"output": input}\n' };
    default:
      return {};
  }
}

function starterOutputs(type: string): DraftOutput[] {
  const definition = getNodeDefinition(type);
  if (type === 'ifly-code') return [newOutput('output')];
  return (definition?.fixedOutputs ?? []).map((output) => newOutput(output.name, output.type));
}

/** The next free alias: "LLM", then "LLM 2", "LLM 3"... */
export function freeAlias(draft: Draft, base: string): string {
  const taken = new Set(draft.nodes.map((node) => node.data.nodeMeta.aliasName));
  if (!taken.has(base)) return base;
  for (let number = 2; ; number += 1) if (!taken.has(`${base} ${number}`)) return `${base} ${number}`;
}

export interface NewNodeOptions {
  position: { x: number; y: number };
  /** The iteration or loop to put it in. */
  parentId?: string;
  alias: string;
  /** Aliases of the start and end made inside a new iteration. */
  bodyAliases?: { start: string; end: string };
}

function makeNode(type: string, id: string, options: NewNodeOptions): DraftNode {
  const definition = getNodeDefinition(type);
  if (definition === undefined) throw new Error(`unknown node type ${type}`);
  const nodeParam = { ...objectDefaults(nodeParamJsonSchema(type), false), ...starterParam(type) };
  const node: DraftNode = {
    id,
    position: options.position,
    data: {
      nodeMeta: { nodeType: definition.originalLabel, aliasName: options.alias },
      inputs: WITH_INPUT.has(type) ? [newInput('input')] : [],
      outputs: starterOutputs(type),
      nodeParam,
      retryConfig: { ...DEFAULT_RETRY, custom_output: {} },
    },
  };
  if (type === 'iteration') node.data.inputs = [newInput('input', 'array-string')];
  if (options.parentId !== undefined) {
    node.parentId = options.parentId;
    node.data.parentId = options.parentId;
  }
  return node;
}

/**
 * A new node of `type` with its nodeParam defaults (from the type's JSON Schema), its fixed outputs and a default
 * retry policy. An iteration comes with its body's start and end, joined, as its body needs both.
 */
export function createNodes(type: string, options: NewNodeOptions): { nodes: DraftNode[]; edges: DraftEdge[] } {
  const id = newNodeId(type);
  const node = makeNode(type, id, options);
  if (type !== 'iteration') return { nodes: [node], edges: [] };
  const aliases = options.bodyAliases ?? { start: 'Start', end: 'End' };
  const start = makeNode('iteration-node-start', newNodeId('iteration-node-start'), {
    position: { x: 32, y: 72 },
    parentId: id,
    alias: aliases.start,
  });
  const end = makeNode('iteration-node-end', newNodeId('iteration-node-end'), {
    position: { x: 352, y: 72 },
    parentId: id,
    alias: aliases.end,
  });
  node.data.nodeParam = { ...node.data.nodeParam, IterationStartNodeId: start.id };
  return {
    nodes: [node, start, end],
    edges: [{ id: `edge::${uuid()}`, sourceNodeId: start.id, targetNodeId: end.id }],
  };
}
