import { describe, expect, test } from 'vitest';
import type { FlowData } from './test-harness.js';
import { supportTriageFlow } from './test-harness.js';
import { validateWorkflow } from './validate.js';

/** The sample is an export of the original's engine form; see fixtures/astron-support-triage.json. */
const fresh = (): FlowData => supportTriageFlow().data;
const node = (dsl: FlowData, type: string, nth = 0) => dsl.nodes.filter((item) => item.id.startsWith(`${type}::`))[nth]!;
const codes = (dsl: unknown) =>
  validateWorkflow(dsl)
    .problems.map((problem) => problem.code)
    .sort();
const edgeBetween = (dsl: FlowData, source: string, target: string) =>
  dsl.edges.find((edge) => edge.sourceNodeId === source && edge.targetNodeId === target)!;
const withoutNode = (dsl: FlowData, id: string) => {
  dsl.nodes = dsl.nodes.filter((item) => item.id !== id);
  dsl.edges = dsl.edges.filter((edge) => edge.sourceNodeId !== id && edge.targetNodeId !== id);
};
const bareNode = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  data: { nodeMeta: { nodeType: '工具', aliasName: 'extra' }, inputs: [], outputs: [], nodeParam: {}, ...extra },
});
/** The console's way of marking an iteration's body. */
const markBodies = (dsl: FlowData) => {
  const iteration = node(dsl, 'iteration').id;
  for (const type of ['iteration-node-start', 'iteration-node-end']) node(dsl, type).parentId = iteration;
  node(dsl, 'ifly-code', 1).parentId = iteration;
};
const refTo = (nodeId: string, name: string) => ({ type: 'ref', content: { nodeId, name } });

describe('the original-format sample', () => {
  test('validates with zero problems', () => {
    expect(validateWorkflow(fresh())).toEqual({ ok: true, problems: [] });
  });

  test('an integer output fits an input declared number (end.priority reads the code node)', () => {
    const dsl = fresh();
    const priority = node(dsl, 'node-end').data.inputs.find((input: any) => input.name === 'priority');
    expect(priority.schema.type).toBe('number');
    expect(codes(dsl)).toEqual([]);
  });

  test('the console marking bodies with parentId is the same workflow', () => {
    const dsl = fresh();
    markBodies(dsl);
    expect(codes(dsl)).toEqual([]);
    for (const item of dsl.nodes) if (item.parentId) item.data.parentId = item.parentId;
    for (const item of dsl.nodes) delete item.parentId;
    expect(codes(dsl)).toEqual([]);
  });
});

describe('nodes', () => {
  test('unknown node type', () => {
    const dsl = fresh();
    dsl.nodes.push(bareNode('magic-box::1f2e3d4c'));
    dsl.edges.push({ sourceNodeId: node(dsl, 'spark-llm').id, targetNodeId: 'magic-box::1f2e3d4c' });
    const { problems } = validateWorkflow(dsl);
    expect(problems.map((problem) => problem.code)).toEqual(['unknown-node-type']);
    expect(problems[0]).toMatchObject({ nodeId: 'magic-box::1f2e3d4c', field: 'id' });
    expect(problems[0]!.message).toContain('"magic-box"');
  });

  test('duplicate node id', () => {
    const dsl = fresh();
    dsl.nodes.push(structuredClone(node(dsl, 'ifly-code')));
    expect(codes(dsl)).toEqual(['duplicate-node-id']);
  });

  test('an id not of the form <type>::<uuid>', () => {
    const dsl = fresh();
    dsl.nodes.push(bareNode('ifly-code-42'));
    dsl.edges.push({ sourceNodeId: node(dsl, 'spark-llm').id, targetNodeId: 'ifly-code-42' });
    expect(codes(dsl)).toEqual(['invalid-node-id']);
  });

  test('bad nodeParam: each issue with its field, the node and its name in the message', () => {
    const dsl = fresh();
    const llm = node(dsl, 'spark-llm');
    Object.assign(llm.data.nodeParam, { maxTokens: -5, respFormat: 7 });
    const { ok, problems } = validateWorkflow(dsl);
    expect(ok).toBe(false);
    expect(problems.map(({ code, nodeId, field }) => ({ code, nodeId, field }))).toEqual([
      { code: 'invalid-node-param', nodeId: llm.id, field: 'data.nodeParam.maxTokens' },
      { code: 'invalid-node-param', nodeId: llm.id, field: 'data.nodeParam.respFormat' },
    ]);
    expect(problems[0]!.message).toMatch(/^Node spark-llm::5b7e2c94-1d3a-4f6b-8e20-7a9c1d4e3b02 \("大模型"\), data\.nodeParam\.maxTokens: /);
    expect(problems[1]!.message).toContain('expected 0 (text), 1 (markdown) or 2 (JSON)');
  });

  test('an if-else condition must compare inputs of the node', () => {
    const dsl = fresh();
    node(dsl, 'if-else').data.nodeParam.cases[0].conditions[0].leftVarIndex = 'no-such-input';
    const { problems } = validateWorkflow(dsl);
    expect(problems.map((problem) => [problem.code, problem.field])).toEqual([
      ['unknown-condition-variable', 'data.nodeParam.cases[0].conditions[0].leftVarIndex'],
    ]);
  });

  test('a model-using node without a model', () => {
    const dsl = fresh();
    node(dsl, 'spark-llm').data.nodeParam.model = '';
    expect(codes(dsl)).toEqual(['missing-model']);
  });

  test('two outputs with one name', () => {
    const dsl = fresh();
    const code = node(dsl, 'ifly-code');
    code.data.outputs.push(structuredClone(code.data.outputs[0]));
    expect(codes(dsl)).toEqual(['duplicate-name']);
  });

  test('custom_output must give declared outputs of their types', () => {
    const dsl = fresh();
    node(dsl, 'ifly-code').data.retryConfig.custom_output = { ticket: 5, priority: 0, extra: true };
    expect(codes(dsl)).toEqual(['invalid-retry-config', 'invalid-retry-config']);
  });

  test('a malformed node is reported with its path and the rest is still checked', () => {
    const dsl = fresh();
    dsl.nodes.push({
      id: 'ifly-code::7d7d7d7d',
      data: {
        nodeMeta: { nodeType: '工具', aliasName: 'broken' },
        inputs: [{ name: '', schema: { type: 'text', value: { type: 'ref', content: {} } } }],
      },
    });
    const { problems } = validateWorkflow(dsl);
    expect(problems.map((problem) => [problem.code, problem.field, problem.nodeId])).toEqual([
      ['invalid-structure', 'nodes[10].data.inputs[0].name', 'ifly-code::7d7d7d7d'],
      ['invalid-structure', 'nodes[10].data.inputs[0].schema.type', 'ifly-code::7d7d7d7d'],
    ]);
  });

  test('not a workflow at all', () => {
    expect(codes(null)).toEqual(['invalid-structure']);
    expect(codes({ nodes: 'none', edges: [] })).toEqual(['invalid-structure', 'missing-end', 'missing-start']);
  });
});

describe('starts, ends and bodies', () => {
  test('missing start: refs to it dangle too', () => {
    const dsl = fresh();
    withoutNode(dsl, node(dsl, 'node-start').id);
    expect(codes(dsl)).toEqual(['missing-ref-node', 'missing-ref-node', 'missing-ref-node', 'missing-start']);
  });

  test('a second start', () => {
    const dsl = fresh();
    dsl.nodes.push(bareNode('node-start::00aa11bb'));
    const { problems } = validateWorkflow(dsl);
    expect(problems.map((problem) => [problem.code, problem.nodeId])).toEqual([['duplicate-start', 'node-start::00aa11bb']]);
  });

  test('missing end', () => {
    const dsl = fresh();
    withoutNode(dsl, node(dsl, 'node-end').id);
    expect(codes(dsl)).toEqual(['missing-end']);
  });

  test('an iteration body without its end', () => {
    const dsl = fresh();
    withoutNode(dsl, node(dsl, 'iteration-node-end').id);
    const { problems } = validateWorkflow(dsl);
    expect(problems.map((problem) => [problem.code, problem.nodeId])).toEqual([['missing-end', node(dsl, 'iteration').id]]);
  });

  test('start and end nodes where they do not belong', () => {
    const dsl = fresh();
    markBodies(dsl);
    dsl.nodes.push({ ...bareNode('node-end::9e9e9e9e', { nodeParam: { outputMode: 0 } }), parentId: node(dsl, 'iteration').id });
    dsl.edges.push({ sourceNodeId: node(dsl, 'ifly-code', 1).id, targetNodeId: 'node-end::9e9e9e9e' });
    dsl.nodes.push(bareNode('iteration-node-start::8d8d8d8d'));
    expect(codes(dsl)).toEqual(['misplaced-node', 'misplaced-node', 'unreachable']);
  });

  test('a parentId that is not a container', () => {
    const dsl = fresh();
    node(dsl, 'ifly-code', 1).parentId = node(dsl, 'spark-llm').id;
    expect(codes(dsl)).toEqual(['invalid-parent']);
  });
});

describe('edges', () => {
  test('dangling edge', () => {
    const dsl = fresh();
    dsl.edges.push({ sourceNodeId: node(dsl, 'spark-llm').id, targetNodeId: 'ifly-code::00000000-dead' });
    const { problems } = validateWorkflow(dsl);
    expect(problems.map((problem) => [problem.code, problem.edgeId, problem.field])).toEqual([
      ['dangling-edge', 'edges[11]', 'targetNodeId'],
    ]);
  });

  test('an edge from a branching node by a handle it does not have, or by none', () => {
    const dsl = fresh();
    const ifElse = node(dsl, 'if-else').id;
    edgeBetween(dsl, ifElse, node(dsl, 'ifly-code').id).sourceHandle = 'intent_chain|branch_one_of::0000-nope';
    edgeBetween(dsl, node(dsl, 'question-answer').id, node(dsl, 'iteration').id).sourceHandle = 'option-one-of::0000-nope';
    dsl.edges.push({ sourceNodeId: ifElse, targetNodeId: node(dsl, 'node-end').id });
    const { problems } = validateWorkflow(dsl);
    expect(problems.map((problem) => problem.code)).toEqual(['unknown-source-handle', 'unknown-source-handle', 'unknown-source-handle']);
    expect(problems[0]!.message).toContain('has no branch "branch_one_of::0000-nope"');
    expect(problems[2]!.message).toContain('must say which branch');
  });

  test('an error branch is taken only with error_strategy 2', () => {
    const dsl = fresh();
    const code = node(dsl, 'ifly-code');
    dsl.edges.push({ sourceNodeId: code.id, targetNodeId: node(dsl, 'node-end').id, sourceHandle: 'fail_one_of::1234-abcd' });
    const inactive = validateWorkflow(dsl);
    expect(inactive.ok).toBe(true);
    expect(inactive.problems.map((problem) => [problem.code, problem.severity])).toEqual([['inactive-error-branch', 'warning']]);
    code.data.retryConfig.error_strategy = 2;
    code.data.retryConfig.custom_output = {};
    expect(codes(dsl)).toEqual([]);
  });

  test('an edge from the top level into an iteration body', () => {
    const dsl = fresh();
    markBodies(dsl);
    dsl.edges.push({ sourceNodeId: node(dsl, 'spark-llm').id, targetNodeId: node(dsl, 'ifly-code', 1).id });
    expect(codes(dsl)).toEqual(['edge-crosses-scope']);
  });

  test('cycle outside a loop or iteration', () => {
    const dsl = fresh();
    dsl.edges.push({ sourceNodeId: node(dsl, 'ifly-code').id, targetNodeId: node(dsl, 'spark-llm').id });
    const { problems } = validateWorkflow(dsl);
    expect(problems.map((problem) => problem.code)).toEqual(['cycle']);
    expect(problems[0]!.message).toContain(`${node(dsl, 'spark-llm').id} → ${node(dsl, 'if-else').id} → ${node(dsl, 'ifly-code').id}`);
  });

  test('an unreachable node is a warning', () => {
    const dsl = fresh();
    dsl.nodes.push(bareNode('text-joiner::4c4c4c4c', { nodeParam: { prompt: 'alone' } }));
    const result = validateWorkflow(dsl);
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'unreachable', severity: 'warning', nodeId: 'text-joiner::4c4c4c4c' }),
    ]);
  });
});

describe('references', () => {
  test('to a node that does not exist', () => {
    const dsl = fresh();
    node(dsl, 'node-end').data.inputs[1].schema.value.content.nodeId = 'ifly-code::deadbeef';
    const { problems } = validateWorkflow(dsl);
    expect(problems.map((problem) => [problem.code, problem.field])).toEqual([
      ['missing-ref-node', 'data.inputs[1].schema.value.content'],
    ]);
  });

  test('an input left unconnected', () => {
    const dsl = fresh();
    node(dsl, 'node-end').data.inputs[1].schema.value.content = {};
    expect(codes(dsl)).toEqual(['missing-ref-node']);
  });

  test('to an output the node does not have, or a property its output does not have', () => {
    const dsl = fresh();
    const end = node(dsl, 'node-end');
    end.data.inputs[1].schema.value.content.name = 'tickets';
    end.data.inputs[0].schema.value.content.name = 'output.text';
    const { problems } = validateWorkflow(dsl);
    expect(problems.map((problem) => problem.code)).toEqual(['missing-ref-output', 'missing-ref-output']);
    expect(problems[0]!.message).toContain('has no property "text"');
    expect(problems[1]!.message).toContain('has no output "tickets"');
  });

  test('properties of object outputs and of arrays of objects', () => {
    const dsl = fresh();
    const code = node(dsl, 'ifly-code');
    code.data.outputs.push({
      id: 'o-info',
      name: 'info',
      schema: { type: 'object', properties: { level: { type: 'integer' }, tags: { type: 'array', items: { type: 'object', properties: { label: { type: 'string' } } } } } },
    });
    code.data.retryConfig.custom_output.info = {};
    const end = node(dsl, 'node-end');
    end.data.inputs.push({ id: 'i-level', name: 'level', schema: { type: 'number', value: refTo(code.id, 'info.level') } });
    end.data.inputs.push({ id: 'i-labels', name: 'labels', schema: { type: 'array-string', value: refTo(code.id, 'info.tags.label') } });
    expect(codes(dsl)).toEqual([]);
    end.data.inputs[6].schema.type = 'string';
    expect(codes(dsl)).toEqual(['type-mismatch']);
  });

  test('to a node that does not run before it', () => {
    const dsl = fresh();
    node(dsl, 'spark-llm').data.inputs[0].schema.value = refTo(node(dsl, 'ifly-code').id, 'ticket');
    const { problems } = validateWorkflow(dsl);
    expect(problems.map((problem) => problem.code)).toEqual(['ref-not-upstream']);
    expect(problems[0]!.message).toContain('which does not run before this node');
  });

  test('inside an iteration: the parent’s ancestors and the inner start, not the other branch nor from outside', () => {
    const dsl = fresh();
    const inner = node(dsl, 'ifly-code', 1);
    inner.data.inputs[1].schema.value = refTo(node(dsl, 'spark-llm').id, 'output');
    expect(codes(dsl)).toEqual([]);
    inner.data.inputs[1].schema.value = refTo(node(dsl, 'ifly-code').id, 'ticket');
    expect(codes(dsl)).toEqual(['ref-not-upstream']);
    const fromOutside = fresh();
    node(fromOutside, 'node-end').data.inputs[0].schema.value = refTo(node(fromOutside, 'ifly-code', 1).id, 'summary');
    expect(codes(fromOutside)).toEqual(['ref-not-upstream']);
  });

  test('type mismatch between the declared and the referenced type', () => {
    const dsl = fresh();
    node(dsl, 'ifly-code').data.inputs[0].schema = {
      type: 'array',
      items: { type: 'string' },
      value: refTo(node(dsl, 'spark-llm').id, 'output'),
    };
    const { problems } = validateWorkflow(dsl);
    expect(problems.map((problem) => [problem.code, problem.field])).toEqual([['type-mismatch', 'data.inputs[0].schema.type']]);
    expect(problems[0]!.message).toContain('declared array-string, but spark-llm::5b7e2c94-1d3a-4f6b-8e20-7a9c1d4e3b02.output is string');
  });

  test('an iteration runs over an array', () => {
    const dsl = fresh();
    node(dsl, 'iteration').data.inputs[0].schema = { type: 'string', value: refTo(node(dsl, 'spark-llm').id, 'output') };
    expect(codes(dsl)).toEqual(['type-mismatch']);
  });
});

describe('loop', () => {
  const loopFlow = () => ({
    nodes: [
      { id: 'node-start::a1', data: { nodeMeta: { nodeType: '基础节点', aliasName: 'start' }, outputs: [{ name: 'limit', schema: { type: 'integer' } }] } },
      {
        id: 'loop::b2',
        data: {
          nodeMeta: { nodeType: '基础节点', aliasName: 'count' },
          inputs: [
            { id: 'in-count', name: 'count', schema: { type: 'integer', value: refTo('ifly-code::c3', 'next') } },
            { id: 'in-limit', name: 'limit', schema: { type: 'integer', value: refTo('node-start::a1', 'limit') } },
          ],
          outputs: [{ name: 'count', schema: { type: 'integer' } }],
          nodeParam: {
            maxLoopCount: 50,
            breakCondition: { logicalOperator: 'and', conditions: [{ leftVarIndex: 'in-count', rightVarIndex: 'in-limit', compareOperator: 'ge' }] },
          },
        },
      },
      {
        id: 'ifly-code::c3',
        parentId: 'loop::b2',
        data: {
          nodeMeta: { nodeType: '工具', aliasName: 'step' },
          inputs: [{ name: 'count', schema: { type: 'integer', value: refTo('loop::b2', 'count') } }],
          outputs: [{ name: 'next', schema: { type: 'integer' } }],
          nodeParam: { code: 'def main(count):\n    return {"next": count + 1}\n' },
        },
      },
      {
        id: 'node-end::d4',
        data: {
          nodeMeta: { nodeType: '基础节点', aliasName: 'end' },
          inputs: [{ name: 'count', schema: { type: 'integer', value: refTo('loop::b2', 'count') } }],
          nodeParam: { outputMode: 0 },
        },
      },
    ],
    edges: [
      { sourceNodeId: 'node-start::a1', targetNodeId: 'loop::b2' },
      { sourceNodeId: 'loop::b2', targetNodeId: 'node-end::d4' },
    ],
  });

  test('a body reads the loop variables; the loop reads its body after each pass', () => {
    expect(validateWorkflow(loopFlow())).toEqual({ ok: true, problems: [] });
  });

  test('a loop without a body, and a break condition on an unknown input', () => {
    const dsl = loopFlow();
    dsl.nodes = dsl.nodes.filter((item) => item.id !== 'ifly-code::c3');
    (dsl.nodes[1]!.data.inputs as any)[0].schema.value = refTo('node-start::a1', 'limit');
    (dsl.nodes[1]!.data.nodeParam as any).breakCondition.conditions[0].rightVarIndex = 'in-nothing';
    expect(codes(dsl)).toEqual(['empty-body', 'unknown-condition-variable']);
  });
});

describe('every problem at once', () => {
  test('one workflow with many mistakes reports each of them', () => {
    const dsl = fresh();
    const [llm, code, end] = [node(dsl, 'spark-llm'), node(dsl, 'ifly-code'), node(dsl, 'node-end')];
    dsl.nodes.push(bareNode('magic-box::1f2e3d4c'));
    dsl.edges.push({ sourceNodeId: llm.id, targetNodeId: 'magic-box::1f2e3d4c' });
    dsl.nodes.push({ id: 'ifly-code::0b0b0b0b', data: { inputs: [] } });
    dsl.nodes.push(bareNode('text-joiner::4c4c4c4c'));
    llm.data.nodeParam.maxTokens = 0;
    dsl.edges.push({ sourceNodeId: llm.id, targetNodeId: 'node-end::missing' });
    edgeBetween(dsl, node(dsl, 'if-else').id, code.id).sourceHandle = 'branch_one_of::0000-nope';
    dsl.edges.push({ sourceNodeId: code.id, targetNodeId: llm.id });
    end.data.inputs[1].schema.value.content.name = 'tickets';
    end.data.inputs[3].schema.value = refTo(node(dsl, 'ifly-code', 1).id, 'summary');
    code.data.inputs[0].schema.type = 'integer';
    const result = validateWorkflow(dsl);
    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => problem.code)).toEqual([
      'invalid-structure',
      'invalid-node-param',
      'unknown-node-type',
      'unknown-source-handle',
      'dangling-edge',
      'cycle',
      'unreachable',
      'type-mismatch',
      'missing-ref-output',
      'ref-not-upstream',
    ]);
    for (const problem of result.problems) expect(problem.nodeId ?? problem.edgeId).toBeTruthy();
  });
});
