import { describe, expect, test, vi } from 'vitest';
import { exportWorkflow } from '../export.js';
import type { OriginalModel } from '../import.js';
import { DslImportError, importWorkflowFile } from '../import.js';
import { readFixture, supportTriageFlow } from '../test-harness.js';
import { validateWorkflow } from '../validate.js';
import { importDifyWorkflow } from './dify.js';

const toSpaceModel = (original: OriginalModel) => ({ model: `openai/${original.domain}` });
const fixture = () => readFixture('dify-order-support.yml');

type AnyNode = { id: string; parentId?: string; position?: { x: number; y: number }; data: any };
type AnyEdge = { id: string; sourceNodeId: string; targetNodeId: string; sourceHandle?: string };
const nodesOf = (result: { dsl: { nodes: unknown[] } }) => result.dsl.nodes as AnyNode[];
const edgesOf = (result: { dsl: { edges: unknown[] } }) => result.dsl.edges as AnyEdge[];
const byId = (result: { dsl: { nodes: unknown[] } }, id: string) => nodesOf(result).find((node) => node.id === id)!;
const input = (node: AnyNode, name: string) => node.data.inputs.find((item: any) => item.name === name);
const refOf = (node: AnyNode, name: string) => input(node, name)?.schema.value.content;
const edgesBetween = (result: { dsl: { edges: unknown[] } }, source: string, target: string) =>
  edgesOf(result).filter((edge) => edge.sourceNodeId === source && edge.targetNodeId === target);

/** A Dify app export around the given nodes and edges (Dify's envelope, trimmed to what matters here). */
function difyApp(mode: 'workflow' | 'advanced-chat', nodes: unknown[], edges: Array<[string, string, string?]>) {
  return {
    app: { name: 'Test app', mode, description: '' },
    kind: 'app',
    version: '0.3.1',
    workflow: {
      environment_variables: [],
      conversation_variables: [],
      graph: {
        nodes,
        edges: edges.map(([source, target, handle]) => ({ id: `${source}-${handle ?? 'source'}-${target}`, source, target, sourceHandle: handle ?? 'source', targetHandle: 'target', type: 'custom' })),
      },
    },
  };
}
const difyNode = (id: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ id, type: 'custom', position: { x: 0, y: 0 }, data, ...extra });

describe('importing a Dify workflow (the order-support fixture)', () => {
  test('maps every common node, validates with no problem, and keeps name, description and positions', () => {
    const result = importDifyWorkflow(fixture(), { mapModel: toSpaceModel });
    expect(result).toMatchObject({ name: 'Order support', description: 'Answers order questions from the order API and anything else with an LLM.' });
    expect(validateWorkflow(result.dsl)).toEqual({ ok: true, problems: [] });
    const types = Object.fromEntries(Object.entries(result.idMap).map(([dify, ours]) => [dify, ours.split('::')[0]]));
    expect(types).toEqual({
      '1745300000001': 'node-start',
      '1745300000002': 'decision-making',
      '1745300000003': 'spark-llm',
      '1745300000004': 'http-request',
      '1745300000005': 'if-else',
      '1745300000006': 'ifly-code',
      '1745300000007': 'iteration',
      '1745300000007start': 'iteration-node-start',
      '1745300000008': 'template-transform',
      '1745300000009': 'template-transform',
      '1745300000010': 'variable-aggregator',
      '1745300000011': 'node-end',
    });
    for (const id of Object.values(result.idMap)) expect(id).toMatch(/^[a-z-]+::[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(byId(result, result.idMap['1745300000004']!).position).toEqual({ x: 688, y: 200 });
    const start = byId(result, result.idMap['1745300000001']!);
    expect(start.data.outputs.map((output: any) => [output.name, output.schema.type, output.required])).toEqual([
      ['question', 'string', true],
      ['order_id', 'string', false],
    ]);
  });

  test('re-points references: {{#node.var#}} templates become inputs, llm text becomes output', () => {
    const result = importDifyWorkflow(fixture(), { mapModel: toSpaceModel });
    const id = (dify: string) => result.idMap[dify]!;
    const llm = byId(result, id('1745300000003'));
    expect(llm.data.nodeParam).toMatchObject({
      systemTemplate: 'You are the support assistant of Example Shop. Answer briefly and politely.',
      template: 'Customer question: {{question}}',
      temperature: 0.7,
      maxTokens: 1024,
    });
    expect(refOf(llm, 'question')).toEqual({ nodeId: id('1745300000001'), name: 'question' });
    expect(llm.data.outputs.map((output: any) => output.name)).toEqual(['output']);
    const aggregator = byId(result, id('1745300000010'));
    expect(aggregator.data.inputs.map((item: any) => item.schema.value.content)).toEqual([
      { nodeId: id('1745300000003'), name: 'output' },
      { nodeId: id('1745300000006'), name: 'reply' },
      { nodeId: id('1745300000008'), name: 'output' },
    ]);
    const end = byId(result, id('1745300000011'));
    expect(end.data.nodeParam.outputMode).toBe(0);
    expect(refOf(end, 'answer')).toEqual({ nodeId: id('1745300000010'), name: 'output' });
    expect(refOf(end, 'order_lines')).toEqual({ nodeId: id('1745300000007'), name: 'output' });
    expect(input(end, 'order_lines').schema.type).toBe('array-string');
    const code = byId(result, id('1745300000006'));
    expect(code.data.nodeParam.codeLanguage).toBe('python');
    expect(code.data.nodeParam.code).toContain('def main(body: str, order_id: str) -> dict:');
    expect(code.data.inputs.map((item: any) => [item.name, item.schema.value.content])).toEqual([
      ['body', { nodeId: id('1745300000004'), name: 'body' }],
      ['order_id', { nodeId: id('1745300000001'), name: 'order_id' }],
    ]);
    expect(code.data.outputs.map((output: any) => [output.name, output.schema.type])).toEqual([
      ['items', 'array-object'],
      ['reply', 'string'],
    ]);
  });

  test('question classes become intents and if-else cases become cases, with every edge on its handle', () => {
    const result = importDifyWorkflow(fixture(), { mapModel: toSpaceModel });
    const id = (dify: string) => result.idMap[dify]!;
    const classifier = byId(result, id('1745300000002'));
    const [order, general, fallback] = classifier.data.nodeParam.intentChains;
    expect([order.name, general.name, fallback.name, fallback.intentType]).toEqual(['Order status', 'General question', 'default', 1]);
    expect(refOf(classifier, 'Query')).toEqual({ nodeId: id('1745300000001'), name: 'question' });
    expect(classifier.data.nodeParam.promptPrefix).toBe('Questions that name an order number ({{order_id}}) are about an order.');
    expect(edgesBetween(result, id('1745300000002'), id('1745300000004')).map((edge) => edge.sourceHandle)).toEqual([order.id, fallback.id]);
    expect(edgesBetween(result, id('1745300000002'), id('1745300000003')).map((edge) => edge.sourceHandle)).toEqual([general.id]);

    const ifElse = byId(result, id('1745300000005'));
    const [found, otherwise] = ifElse.data.nodeParam.cases;
    expect(otherwise).toMatchObject({ level: 999, conditions: [] });
    const [condition] = found.conditions;
    expect(condition.compareOperator).toBe('eq');
    const left = ifElse.data.inputs.find((item: any) => item.id === condition.leftVarIndex);
    const right = ifElse.data.inputs.find((item: any) => item.id === condition.rightVarIndex);
    expect(left.schema.value).toEqual({ type: 'ref', content: { nodeId: id('1745300000004'), name: 'status_code' } });
    expect(right.schema).toEqual({ type: 'number', value: { type: 'literal', content: 200 } });
    expect(edgesBetween(result, id('1745300000005'), id('1745300000006'))[0]!.sourceHandle).toBe(found.id);
    expect(edgesBetween(result, id('1745300000005'), id('1745300000008'))[0]!.sourceHandle).toBe(otherwise.id);
  });

  test('the iteration gets its body: start, the inner template, and an end fed by output_selector', () => {
    const result = importDifyWorkflow(fixture(), { mapModel: toSpaceModel });
    const id = (dify: string) => result.idMap[dify]!;
    const iteration = byId(result, id('1745300000007'));
    const body = nodesOf(result).filter((node) => node.parentId === iteration.id);
    expect(body.map((node) => node.id.split('::')[0]).sort()).toEqual(['iteration-node-end', 'iteration-node-start', 'template-transform']);
    expect(iteration.data.nodeParam).toEqual({ IterationStartNodeId: id('1745300000007start'), parallel: false, parallelLimit: 10, itemErrorPolicy: 'fail' });
    expect(input(iteration, 'item').schema).toMatchObject({ type: 'array-object', value: { content: { nodeId: id('1745300000006'), name: 'items' } } });
    const start = byId(result, id('1745300000007start'));
    expect(start.data.outputs.map((output: any) => [output.name, output.schema.type])).toEqual([['item', 'object']]);
    const line = byId(result, id('1745300000009'));
    expect(refOf(line, 'item')).toEqual({ nodeId: start.id, name: 'item' });
    expect(line.data.nodeParam.template).toBe('- {{ item.name | upcase }} × {{ item.quantity }}{% if item.backordered %} (back-ordered){% endif %}');
    const end = body.find((node) => node.id.startsWith('iteration-node-end::'))!;
    expect(refOf(end, 'output')).toEqual({ nodeId: line.id, name: 'output' });
    expect(edgesBetween(result, start.id, line.id)).toHaveLength(1);
    expect(edgesBetween(result, line.id, end.id)).toHaveLength(1);
    expect(iteration.data.outputs.map((output: any) => [output.name, output.schema.type])).toEqual([['output', 'array-string']]);
    expect(byId(result, id('1745300000008')).data.nodeParam.template).toBe("We could not find order {{ order_id | default: '(none)' }} (HTTP {{ status }}).");
  });

  test('http-request: method, URL, headers and params with their variables; environment values inlined, secrets not', () => {
    const result = importDifyWorkflow(fixture(), { mapModel: toSpaceModel });
    const http = byId(result, result.idMap['1745300000004']!);
    expect(http.data.nodeParam).toMatchObject({
      method: 'GET',
      url: '{{SHOP_API_BASE}}/orders/{{order_id}}',
      headers: [
        { key: 'Accept', value: 'application/json' },
        { key: 'Authorization', value: 'Bearer {{SHOP_API_TOKEN}}' },
      ],
      params: [{ key: 'lang', value: 'en' }],
      body: { type: 'none', content: '' },
    });
    expect(input(http, 'SHOP_API_BASE').schema.value).toEqual({ type: 'literal', content: 'https://api.example.com/v2' });
    expect(input(http, 'SHOP_API_TOKEN').schema.value).toEqual({ type: 'literal', content: '' });
    expect(http.data.retryConfig).toEqual({ timeout: 40, should_retry: true, max_retries: 2, error_strategy: 0, custom_output: {} });
    expect(result.warnings.filter((warning) => warning.nodeId === http.id).map((warning) => warning.code)).toEqual(['credentials-removed', 'value-inlined']);
  });

  test('models go through mapModel as Dify names them; an unmapped model is warned about and reported by validation', () => {
    const mapModel = vi.fn(toSpaceModel);
    const result = importDifyWorkflow(fixture(), { mapModel });
    expect(mapModel.mock.calls.map(([original]) => [original.nodeType, original.provider, original.domain, original.aliasName])).toEqual([
      ['decision-making', 'langgenius/openai/openai', 'gpt-4o-mini', 'Question Classifier'],
      ['spark-llm', 'langgenius/openai/openai', 'gpt-4o', 'Answer with the LLM'],
    ]);
    expect(byId(result, result.idMap['1745300000002']!).data.nodeParam.model).toBe('openai/gpt-4o-mini');

    const unmapped = importDifyWorkflow(fixture(), { mapModel: () => null });
    const warned = unmapped.warnings.filter((warning) => warning.code === 'model-not-mapped');
    expect(warned.map((warning) => warning.sourceNodeId)).toEqual(['1745300000002', '1745300000003']);
    expect(warned[1]!.message).toContain('langgenius/openai/openai / gpt-4o');
    expect(validateWorkflow(unmapped.dsl).problems.map((problem) => [problem.code, problem.nodeId])).toEqual([
      ['missing-model', unmapped.idMap['1745300000002']],
      ['missing-model', unmapped.idMap['1745300000003']],
    ]);
  });

  test('an unknown node type is left out with its edges and named in a warning; canvas notes are dropped silently', () => {
    const result = importDifyWorkflow(fixture(), { mapModel: toSpaceModel });
    expect(result.idMap).not.toHaveProperty('1745300000012');
    expect(result.idMap).not.toHaveProperty('1745300000013');
    expect(nodesOf(result)).toHaveLength(13);
    expect(result.warnings.filter((warning) => warning.code === 'node-not-supported')).toEqual([
      {
        code: 'node-not-supported',
        sourceNodeId: '1745300000012',
        message: 'Dify node 1745300000012 ("Notify Slack") of type "tool" has no equivalent here; it was left out, with its 1 edge',
      },
    ]);
    const known = new Set(nodesOf(result).map((node) => node.id));
    for (const edge of edgesOf(result)) expect(known.has(edge.sourceNodeId) && known.has(edge.targetNodeId)).toBe(true);
  });

  test('a node left out in the middle of the flow: the validator reports what it disconnects', () => {
    const file = difyApp(
      'workflow',
      [
        difyNode('s', { type: 'start', title: 'Start', variables: [{ variable: 'q', type: 'text-input', required: true }] }),
        difyNode('t', { type: 'tool', title: 'Search', tool_name: 'search' }),
        difyNode('e', { type: 'end', title: 'End', outputs: [{ variable: 'found', value_selector: ['t', 'text'] }] }),
      ],
      [
        ['s', 't'],
        ['t', 'e'],
      ],
    );
    const result = importDifyWorkflow(file, { mapModel: toSpaceModel });
    expect(result.warnings.map((warning) => warning.code)).toEqual(['reference-not-mapped', 'node-not-supported']);
    expect(result.warnings[1]!.message).toContain('with its 2 edges');
    expect(edgesOf(result)).toEqual([]);
    const { problems } = validateWorkflow(result.dsl);
    expect(problems.map((problem) => [problem.severity, problem.code])).toEqual([
      ['warning', 'unreachable'],
      ['error', 'missing-ref-node'],
    ]);
  });
});

describe('importing a Dify chatflow', () => {
  const chatflow = () =>
    difyApp(
      'advanced-chat',
      [
        difyNode('start', { type: 'start', title: 'Start', variables: [] }),
        difyNode('check', {
          type: 'if-else',
          title: 'Refund?',
          cases: [{ case_id: 'refund', logical_operator: 'or', conditions: [
            { id: 'c1', variable_selector: ['sys', 'query'], comparison_operator: 'contains', value: 'refund', varType: 'string' },
            { id: 'c2', variable_selector: ['sys', 'query'], comparison_operator: 'start with', value: 'money back', varType: 'string' },
          ] }],
        }),
        difyNode('kb', { type: 'knowledge-retrieval', title: 'Policies', query_variable_selector: ['sys', 'query'], dataset_ids: ['ds-1'], retrieval_mode: 'multiple', multiple_retrieval_config: { top_k: 3, score_threshold: 0.5 } }),
        difyNode('llm', {
          type: 'llm',
          title: 'Refund LLM',
          model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: { temperature: 0 } },
          prompt_template: [{ role: 'system', text: 'Answer from the policy:\n{{#context#}}' }],
          context: { enabled: true, variable_selector: ['kb', 'result'] },
          memory: { window: { enabled: true, size: 5 }, query_prompt_template: '{{#sys.query#}}', role_prefix: { user: '', assistant: '' } },
          vision: { enabled: false },
        }),
        difyNode('a1', { type: 'answer', title: 'Refund answer', answer: '{{#llm.text#}}', variables: [] }, { position: { x: 900, y: 100 } }),
        difyNode('a2', { type: 'answer', title: 'Other answer', answer: 'I only handle refunds. You asked: {{#sys.query#}}', variables: [] }, { position: { x: 900, y: 300 } }),
      ],
      [
        ['start', 'check'],
        ['check', 'kb', 'refund'],
        ['kb', 'llm'],
        ['llm', 'a1'],
        ['check', 'a2', 'false'],
      ],
    );

  test('sys.query is the user message, memory is chat history, context a node input; answers on two branches join into one end', () => {
    const result = importDifyWorkflow(chatflow(), { mapModel: toSpaceModel });
    const id = (dify: string) => result.idMap[dify]!;
    const start = byId(result, id('start'));
    expect(start.data.outputs.map((output: any) => [output.name, output.required])).toEqual([['AGENT_USER_INPUT', true]]);
    const check = byId(result, id('check'));
    expect(check.data.inputs.map((item: any) => [item.name, item.schema.value])).toEqual([
      ['query', { type: 'ref', content: { nodeId: start.id, name: 'AGENT_USER_INPUT' } }],
      ['query_value', { type: 'literal', content: 'refund' }],
      ['query_value_2', { type: 'literal', content: 'money back' }],
    ]);
    expect(check.data.nodeParam.cases[0]).toMatchObject({ logicalOperator: 'or', conditions: [{ compareOperator: 'contains' }, { compareOperator: 'start_with' }] });
    const llm = byId(result, id('llm'));
    expect(llm.data.nodeParam).toMatchObject({
      systemTemplate: 'Answer from the policy:\n{{context}}',
      template: '{{query}}',
      enableChatHistoryV2: { isEnabled: true, rounds: 5 },
      temperature: 0.01,
    });
    expect(refOf(llm, 'context')).toEqual({ nodeId: id('kb'), name: 'results' });
    expect(input(llm, 'context').schema.type).toBe('array-object');
    const kb = byId(result, id('kb'));
    expect(kb.data.nodeParam).toMatchObject({ repoId: [], topN: '3', score: 0.5 });
    expect(result.warnings.find((warning) => warning.code === 'knowledge-base-not-chosen')?.message).toContain('ds-1');

    // The engine returns one end node's outputs: each answer becomes a text node, the joined end renders whichever ran.
    const ends = nodesOf(result).filter((node) => node.id.startsWith('node-end::'));
    expect(ends).toHaveLength(1);
    const [end] = ends;
    expect(end!.data.nodeParam).toMatchObject({ outputMode: 1, template: '{{answer_1}}{{answer_2}}', streamOutput: true });
    expect(result.idMap.a1).toMatch(/^text-joiner::/);
    const refund = byId(result, result.idMap.a1!);
    expect(refund.data.nodeParam).toEqual({ mode: 0, prompt: '{{text}}', separator: '' });
    expect(refOf(refund, 'text')).toEqual({ nodeId: id('llm'), name: 'output' });
    expect(refOf(end!, 'answer_2')).toEqual({ nodeId: result.idMap.a2, name: 'output' });
    expect(edgesBetween(result, id('check'), result.idMap.a2!)[0]!.sourceHandle).toBe(check.data.nodeParam.cases[1].id);
    expect(result.warnings.map((warning) => warning.code)).toEqual(['knowledge-base-not-chosen', 'ends-merged']);
    expect(validateWorkflow(result.dsl)).toEqual({ ok: true, problems: [] });
  });

  test('an answer in the middle of the flow streams as a message node', () => {
    const file = difyApp(
      'advanced-chat',
      [
        difyNode('start', { type: 'start', title: 'Start', variables: [] }),
        difyNode('wait', { type: 'answer', title: 'Please wait', answer: 'Looking into it…', variables: [] }),
        difyNode('done', { type: 'answer', title: 'Done', answer: 'Done: {{#sys.query#}}', variables: [] }),
      ],
      [
        ['start', 'wait'],
        ['wait', 'done'],
      ],
    );
    const result = importDifyWorkflow(file, { mapModel: toSpaceModel });
    expect(result.idMap.wait).toMatch(/^message::/);
    expect(byId(result, result.idMap.wait!).data.nodeParam).toEqual({ template: 'Looking into it…', streamOutput: true });
    expect(byId(result, result.idMap.done!).data.nodeParam).toMatchObject({ outputMode: 1, template: 'Done: {{query}}' });
    expect(validateWorkflow(result.dsl)).toEqual({ ok: true, problems: [] });
  });
});

describe('Dify settings beyond the fixture', () => {
  test('error strategies: fail-branch becomes the error branch, default-value the custom output; retries kept', () => {
    const file = difyApp(
      'workflow',
      [
        difyNode('start', { type: 'start', title: 'Start', variables: [{ variable: 'url', type: 'text-input', required: true }] }),
        difyNode('fetch', {
          type: 'http-request',
          title: 'Fetch',
          method: 'post',
          url: '{{#start.url#}}',
          headers: '',
          params: '',
          authorization: { type: 'api-key', config: { type: 'bearer', api_key: 'sk-live-123' } },
          body: { type: 'json', data: [{ id: 'key-value-1', key: '', type: 'text', value: '{"url": "{{#start.url#}}"}' }] },
          error_strategy: 'fail-branch',
          retry_config: { retry_enabled: true, max_retries: 3, retry_interval: 100 },
        }),
        difyNode('parse', {
          type: 'code',
          title: 'Parse',
          code_language: 'javascript',
          code: 'function main({ body }) { return { size: body.length } }',
          variables: [{ variable: 'body', value_selector: ['fetch', 'body'] }],
          outputs: { size: { type: 'number', children: null } },
          error_strategy: 'default-value',
          default_value: [{ key: 'size', type: 'number', value: '-1' }],
        }),
        difyNode('failed', { type: 'template-transform', title: 'Failed', template: 'Failed: {{ reason }}', variables: [{ variable: 'reason', value_selector: ['fetch', 'error_message'] }] }),
        difyNode('end', { type: 'end', title: 'End', outputs: [{ variable: 'size', value_selector: ['parse', 'size'] }, { variable: 'error', value_selector: ['failed', 'output'] }] }),
      ],
      [
        ['start', 'fetch'],
        ['fetch', 'parse', 'source'],
        ['fetch', 'failed', 'fail-branch'],
        ['parse', 'end'],
        ['failed', 'end'],
      ],
    );
    const result = importDifyWorkflow(file, { mapModel: toSpaceModel });
    const fetch = byId(result, result.idMap.fetch!);
    expect(fetch.data.retryConfig).toEqual({ timeout: 60, should_retry: true, max_retries: 3, error_strategy: 2, custom_output: {} });
    expect(fetch.data.nodeParam).toMatchObject({ method: 'POST', url: '{{url}}', headers: [], body: { type: 'json', content: '{"url": "{{url}}"}' } });
    expect(JSON.stringify(result.dsl)).not.toContain('sk-live-123');
    expect(result.warnings.find((warning) => warning.code === 'credentials-removed')?.nodeId).toBe(fetch.id);
    const [success] = edgesBetween(result, fetch.id, result.idMap.parse!);
    const [failure] = edgesBetween(result, fetch.id, result.idMap.failed!);
    expect(success!.sourceHandle).toBeUndefined();
    expect(failure!.sourceHandle).toMatch(/^fail_one_of::/);
    expect(refOf(byId(result, result.idMap.failed!), 'reason')).toEqual({ nodeId: fetch.id, name: 'errorMessage' });
    const parse = byId(result, result.idMap.parse!);
    expect(parse.data.nodeParam.codeLanguage).toBe('javascript');
    expect(parse.data.retryConfig).toMatchObject({ error_strategy: 1, custom_output: { size: -1 } });
    expect(validateWorkflow(result.dsl)).toEqual({ ok: true, problems: [] });
  });

  test('parameter extractor outputs, grouped aggregators and several end nodes', () => {
    const file = difyApp(
      'workflow',
      [
        difyNode('start', { type: 'start', title: 'Start', variables: [{ variable: 'text', type: 'paragraph', required: true }, { variable: 'n', type: 'number', required: false }] }),
        difyNode('extract', {
          type: 'parameter-extractor',
          title: 'Extract',
          query: ['start', 'text'],
          model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} },
          reasoning_mode: 'prompt',
          instruction: 'Extract the city.',
          parameters: [
            { name: 'city', type: 'string', description: 'The city', required: true },
            { name: 'unit', type: 'select', options: ['C', 'F'], description: 'Unit', required: false },
            { name: 'days', type: 'number', description: 'Days', required: false },
          ],
        }),
        difyNode('big', { type: 'if-else', title: 'Big?', cases: [{ case_id: 'yes', logical_operator: 'and', conditions: [{ variable_selector: ['start', 'n'], comparison_operator: '≥', value: '10' }, { variable_selector: ['extract', '__is_success'], comparison_operator: '=', value: '1' }] }] }),
        difyNode('a', { type: 'template-transform', title: 'A', template: 'big', variables: [] }),
        difyNode('b', { type: 'template-transform', title: 'B', template: 'small', variables: [] }),
        difyNode('join', {
          type: 'variable-aggregator',
          title: 'Join',
          output_type: 'string',
          variables: [['a', 'output'], ['b', 'output']],
          advanced_settings: { group_enabled: true, groups: [
            { groupId: 'g1', group_name: 'Size', output_type: 'string', variables: [['a', 'output'], ['b', 'output']] },
            { groupId: 'g2', group_name: 'Where', output_type: 'string', variables: [['extract', 'city']] },
          ] },
        }),
        difyNode('end1', { type: 'end', title: 'End big', outputs: [{ variable: 'size', value_selector: ['join', 'Size', 'output'] }, { variable: 'city', value_selector: ['join', 'Where', 'output'] }] }),
        difyNode('end2', { type: 'end', title: 'End small', outputs: [{ variable: 'size', value_selector: ['b', 'output'] }, { variable: 'city', value_selector: ['join', 'Where', 'output'] }] }),
      ],
      [
        ['start', 'extract'],
        ['extract', 'big'],
        ['big', 'a', 'yes'],
        ['big', 'b', 'false'],
        ['a', 'join'],
        ['b', 'join'],
        ['join', 'end1'],
        ['b', 'end2'],
        ['join', 'end2'],
      ],
    );
    const result = importDifyWorkflow(file, { mapModel: toSpaceModel });
    const extract = byId(result, result.idMap.extract!);
    expect(extract.data.nodeParam).toMatchObject({ instruction: 'Extract the city.', reasonMode: 1, model: 'openai/gpt-4o-mini' });
    expect(extract.data.outputs.map((output: any) => [output.name, output.schema.type, output.required, output.schema.description])).toEqual([
      ['city', 'string', true, 'The city'],
      ['unit', 'string', false, 'Unit. One of: C, F'],
      ['days', 'number', false, 'Days'],
    ]);
    const joins = nodesOf(result).filter((node) => node.id.startsWith('variable-aggregator::') && node.data.nodeMeta.aliasName.startsWith('Join'));
    expect(joins.map((node) => node.data.nodeMeta.aliasName)).toEqual(['Join / Size', 'Join / Where']);
    for (const join of joins) expect(edgesOf(result).filter((edge) => edge.targetNodeId === join.id).map((edge) => edge.sourceNodeId).sort()).toEqual([result.idMap.a, result.idMap.b].sort());

    // Two ends: joined; "size" differs between them, so an aggregator takes whichever ran.
    const ends = nodesOf(result).filter((node) => node.id.startsWith('node-end::'));
    expect(ends).toHaveLength(1);
    expect(result.idMap.end1).toBe(ends[0]!.id);
    expect(result.idMap.end2).toBe(ends[0]!.id);
    expect(refOf(ends[0]!, 'city')).toEqual({ nodeId: joins[1]!.id, name: 'output' });
    const size = nodesOf(result).find((node) => node.id === refOf(ends[0]!, 'size').nodeId)!;
    expect(size.data.inputs.map((item: any) => item.schema.value.content)).toEqual([
      { nodeId: joins[0]!.id, name: 'output' },
      { nodeId: result.idMap.b, name: 'output' },
    ]);
    expect(result.warnings.map((warning) => warning.code)).toEqual(['reference-not-mapped', 'ends-merged']);
    expect(result.warnings[0]!.message).toContain('__is_success');
    // __is_success has no equivalent: the condition reads a missing output, which validation reports.
    expect(validateWorkflow(result.dsl).problems.map((problem) => problem.code)).toEqual(['missing-ref-output']);
  });

  test('older and unsupported shapes: iteration without iteration-start, variable-assigner, a loop with its body, shared selectors', () => {
    const file = difyApp(
      'workflow',
      [
        difyNode('start', { type: 'start', title: 'Start', variables: [{ variable: 'words', type: 'json_object', required: true }, { variable: 'w', type: 'text-input' }] }),
        difyNode('each', { type: 'iteration', title: 'Each', iterator_selector: ['start', 'words'], output_selector: ['up', 'result'], output_type: 'array[string]', start_node_id: 'up' }),
        difyNode('up', { type: 'code', title: 'Up', isInIteration: true, iteration_id: 'each', code_language: 'python3', code: 'def main(a, b):\n    return {"result": a.upper() + b}', variables: [{ variable: 'a', value_selector: ['each', 'item'] }, { variable: 'b', value_selector: ['each', 'item'] }], outputs: { result: { type: 'string' } } }, { parentId: 'each' }),
        difyNode('loop', { type: 'loop', title: 'Retry loop', loop_count: 3 }),
        difyNode('inner', { type: 'code', title: 'Inner', isInLoop: true, loop_id: 'loop', code_language: 'python3', code: 'def main():\n    return {}', variables: [], outputs: {} }, { parentId: 'loop' }),
        difyNode('pick', { type: 'variable-assigner', title: 'Pick', output_type: 'array[string]', variables: [['each', 'output']] }),
        difyNode('end', { type: 'end', title: 'End', outputs: [{ variable: 'words', value_selector: ['pick', 'output'] }, { variable: 'again', value_selector: ['pick', 'output'] }] }),
      ],
      [
        ['start', 'each'],
        ['each', 'pick'],
        ['start', 'loop'],
        ['pick', 'end'],
      ],
    );
    const result = importDifyWorkflow(file, { mapModel: toSpaceModel });
    const each = byId(result, result.idMap.each!);
    const start = nodesOf(result).find((node) => node.id === each.data.nodeParam.IterationStartNodeId)!;
    expect(start.parentId).toBe(each.id);
    expect(edgesBetween(result, start.id, result.idMap.up!)).toHaveLength(1);
    const up = byId(result, result.idMap.up!);
    expect(up.data.inputs.map((item: any) => [item.name, item.schema.value.content])).toEqual([
      ['a', { nodeId: start.id, name: 'item' }],
      ['b', { nodeId: start.id, name: 'item' }],
    ]);
    expect(result.idMap.pick).toMatch(/^variable-aggregator::/);
    expect(byId(result, result.idMap.end!).data.inputs.map((item: any) => item.name)).toEqual(['words', 'again']);
    expect(result.idMap).not.toHaveProperty('inner');
    expect(result.warnings.map((warning) => warning.message)).toEqual([
      'Dify node loop ("Retry loop") of type "loop" has no equivalent here; it was left out, with its 1 edge and the 1 node inside it',
    ]);
    // json_object is an object to Dify; iterating over it is a type mismatch the validator reports.
    expect(validateWorkflow(result.dsl).problems.map((problem) => problem.code)).toEqual(['type-mismatch']);
  });

  test('if-else operators without an equivalent are kept as written for the validator, with a warning', () => {
    const file = difyApp(
      'workflow',
      [
        difyNode('start', { type: 'start', title: 'Start', variables: [{ variable: 'tag', type: 'select', options: ['a', 'b'], required: true }] }),
        difyNode('check', { type: 'if-else', title: 'Check', cases: [{ case_id: 'c', logical_operator: 'and', conditions: [{ variable_selector: ['start', 'tag'], comparison_operator: 'in', value: ['a', 'b'] }] }] }),
        difyNode('end', { type: 'end', title: 'End', outputs: [] }),
      ],
      [
        ['start', 'check'],
        ['check', 'end', 'c'],
        ['check', 'end', 'false'],
      ],
    );
    const result = importDifyWorkflow(file, { mapModel: toSpaceModel });
    expect(result.warnings.map((warning) => warning.code)).toEqual(['setting-not-supported']);
    expect(validateWorkflow(result.dsl).problems.map((problem) => [problem.code, problem.field])).toEqual([
      ['invalid-node-param', 'data.nodeParam.cases[0].conditions[0].compareOperator'],
    ]);
  });
});

describe('one entry for any workflow file', () => {
  test('detects our export, the original astron-agent flow and Dify YAML', () => {
    const options = { mapModel: toSpaceModel };
    const dify = importWorkflowFile(fixture(), options);
    expect(dify).toMatchObject({ format: 'dify', name: 'Order support' });
    expect(dify.idMap).toBeDefined();
    const original = importWorkflowFile(supportTriageFlow(), options);
    expect(original).toMatchObject({ format: 'astron-agent', name: 'Support triage' });
    const ours = importWorkflowFile(JSON.stringify(exportWorkflow(dify.dsl as never, { name: 'Order support' })), options);
    expect(ours).toMatchObject({ format: 'astron-workflow', name: 'Order support', warnings: [] });
    expect(ours.dsl).toEqual(dify.dsl);
    expect(importWorkflowFile(readFixture('astron-console-export.yaml'), options).format).toBe('astron-agent');
  });

  test('a Dify app without a workflow, and what is no workflow at all, are refused', () => {
    const refused = (file: unknown) => {
      try {
        importWorkflowFile(file, { mapModel: toSpaceModel });
      } catch (error) {
        expect(error).toBeInstanceOf(DslImportError);
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refused('app:\n  mode: chat\n  name: Bot\nkind: app\nversion: 0.3.1\nmodel_config: {}\n')).toMatch(/a Dify chat app has no workflow/);
    expect(refused({ something: 'else' })).toMatch(/Not a workflow/);
  });
});
