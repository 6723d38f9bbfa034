import { randomUUID } from 'node:crypto';

// Builders for tests: workflows in the DSL's envelope (packages/dsl), valid as the console would save them.

export type ValueSource = { type: 'ref'; content: { nodeId: string; name: string } } | { type: 'literal'; content: unknown };

export const ref = (nodeId: string, name: string): ValueSource => ({ type: 'ref', content: { nodeId, name } });
export const literal = (content: unknown): ValueSource => ({ type: 'literal', content });

export interface TestNode {
  id: string;
  data: {
    nodeMeta: { nodeType: string; aliasName: string };
    inputs: { id: string; name: string; schema: { type: string; value: ValueSource } }[];
    outputs: { id: string; name: string; schema: { type: string }; required: boolean }[];
    nodeParam: Record<string, unknown>;
  };
}

export interface TestEdge {
  sourceNodeId: string;
  targetNodeId: string;
  sourceHandle?: string;
}

export interface NodeSpec {
  alias?: string;
  inputs?: Record<string, ValueSource>;
  /** Output names; a name ending in `!` is required (a start's required input). */
  outputs?: string[];
  param?: Record<string, unknown>;
}

export function node(type: string, spec: NodeSpec = {}): TestNode {
  return {
    id: `${type}::${randomUUID()}`,
    data: {
      nodeMeta: { nodeType: '基础节点', aliasName: spec.alias ?? type },
      inputs: Object.entries(spec.inputs ?? {}).map(([name, value]) => ({ id: randomUUID(), name, schema: { type: 'string', value } })),
      outputs: (spec.outputs ?? []).map((name) => ({ id: randomUUID(), name: name.replace(/!$/, ''), schema: { type: 'string' }, required: name.endsWith('!') })),
      nodeParam: spec.param ?? {},
    },
  };
}

export const edge = (source: TestNode, target: TestNode, sourceHandle?: string): TestEdge => ({
  sourceNodeId: source.id,
  targetNodeId: target.id,
  ...(sourceHandle === undefined ? {} : { sourceHandle }),
});

/** Edges in a line: a → b → c. */
export const chain = (...nodes: TestNode[]): TestEdge[] => nodes.slice(1).map((target, index) => edge(nodes[index] as TestNode, target));

const inputIdOf = (target: TestNode, name: string): string => target.data.inputs.find((input) => input.name === name)?.id ?? '';

/** start(name) → text-joiner "Hello, {{name}}!" → end rendering it: outputs `{ output: "Hello, <name>!" }`. */
export function greetingFlow(prompt = 'Hello, {{name}}!') {
  const start = node('node-start', { outputs: ['name!'] });
  const join = node('text-joiner', { inputs: { name: ref(start.id, 'name') }, outputs: ['output'], param: { prompt } });
  const end = node('node-end', { inputs: { text: ref(join.id, 'output') }, param: { outputMode: 1, template: '{{text}}' } });
  return { nodes: [start, join, end], edges: chain(start, join, end) };
}

/** start(name) → if-else (name is "Ada") → one of two text-joiners → end joining whichever ran. */
export function branchingFlow() {
  const start = node('node-start', { outputs: ['name!'] });
  const check = node('if-else', { inputs: { name: ref(start.id, 'name'), expected: literal('Ada') } });
  const isAda = `branch_one_of::${randomUUID()}`;
  const otherwise = `branch_one_of::${randomUUID()}`;
  check.data.nodeParam = {
    cases: [
      { id: isAda, level: 1, logicalOperator: 'and', conditions: [{ leftVarIndex: inputIdOf(check, 'name'), rightVarIndex: inputIdOf(check, 'expected'), compareOperator: 'is' }] },
      { id: otherwise, level: 999, logicalOperator: 'and', conditions: [] },
    ],
  };
  const welcome = node('text-joiner', { inputs: { name: ref(start.id, 'name') }, outputs: ['output'], param: { prompt: 'Welcome back, {{name}}.' } });
  const stranger = node('text-joiner', { inputs: { name: ref(start.id, 'name') }, outputs: ['output'], param: { prompt: 'Nice to meet you, {{name}}.' } });
  const end = node('node-end', { inputs: { welcome: ref(welcome.id, 'output'), stranger: ref(stranger.id, 'output') }, param: { outputMode: 1, template: '{{welcome}}{{stranger}}' } });
  return { nodes: [start, check, welcome, stranger, end], edges: [edge(start, check), edge(check, welcome, isAda), edge(check, stranger, otherwise), edge(welcome, end), edge(stranger, end)] };
}

/** start → question-answer (free text) → end: pauses until the answer, then outputs `{ output: "Thanks, <answer>!" }`. */
export function askingFlow() {
  const start = node('node-start');
  const ask = node('question-answer', {
    outputs: ['query', 'content'],
    param: { question: 'What is your name?', answerType: 'direct', timeout: 3, needReply: false, directAnswer: { handleResponse: false, maxRetryCounts: 2 } },
  });
  const end = node('node-end', { inputs: { name: ref(ask.id, 'content') }, param: { outputMode: 1, template: 'Thanks, {{name}}!' } });
  return { nodes: [start, ask, end], edges: chain(start, ask, end) };
}

/** start(name) → flow (runs `flowId`, `version` pinned or the published one) → end: outputs `{ output: "Nested: <its output>" }`. */
export function callingFlow(flowId: string, version?: string) {
  const start = node('node-start', { outputs: ['name!'] });
  const call = node('flow', { inputs: { name: ref(start.id, 'name') }, outputs: ['output'], param: { flowId, ...(version === undefined ? {} : { version }) } });
  const end = node('node-end', { inputs: { text: ref(call.id, 'output') }, param: { outputMode: 1, template: 'Nested: {{text}}' } });
  return { nodes: [start, call, end], edges: chain(start, call, end) };
}
