import { describe, expect, test } from 'vitest';
import { getNodeDefinition, nodeDefinitions, nodeParamJsonSchema, nodeTypes, parseNodeParam } from './registry.js';

const ISSUE_TYPES = [
  'node-start',
  'node-end',
  'spark-llm',
  'ifly-code',
  'if-else',
  'decision-making',
  'extractor-parameter',
  'iteration',
  'iteration-node-start',
  'iteration-node-end',
  'knowledge-base',
  'knowledge-pro-base',
  'plugin',
  'flow',
  'message',
  'question-answer',
  'agent',
  'database',
  'text-joiner',
  'node-variable',
  'http-request',
  'template-transform',
  'variable-aggregator',
  'variable-assigner',
  'loop',
];

describe('registry', () => {
  test('every node type, once', () => {
    expect([...nodeTypes].sort()).toEqual([...ISSUE_TYPES].sort());
  });

  test('the JSON Schema of every nodeParam is an object schema with properties', () => {
    for (const type of nodeTypes) {
      const schema = nodeParamJsonSchema(type);
      expect(schema, type).toMatchObject({ type: 'object' });
      expect(typeof schema.properties, type).toBe('object');
    }
    const llm = nodeParamJsonSchema('spark-llm') as { properties: Record<string, any>; required?: string[] };
    expect(llm.properties.maxTokens).toMatchObject({ type: 'integer', default: 2048 });
    expect(llm.properties.respFormat).toMatchObject({ enum: [0, 1, 2] });
    expect(llm.required ?? []).not.toContain('maxTokens');
    expect((nodeParamJsonSchema('if-else') as { required: string[] }).required).toEqual(['cases']);
    expect(() => nodeParamJsonSchema('nope')).toThrow(/unknown node type "nope"/);
  });

  test('palette categories as the original groups them', () => {
    const category = (type: string) => getNodeDefinition(type)!.category;
    expect([category('node-start'), category('spark-llm'), category('plugin'), category('if-else'), category('text-joiner'), category('message')]).toEqual([
      'fixed',
      'basic',
      'tool',
      'logic',
      'transform',
      'other',
    ]);
  });

  test('branch handles of if-else, decision-making and option questions', () => {
    const branches = (type: string, nodeParam: Record<string, unknown>) => getNodeDefinition(type)!.branches?.(nodeParam) ?? [];
    expect(branches('if-else', { cases: [{ id: 'branch_one_of::a' }, { id: 'branch_one_of::b' }] })).toEqual(['branch_one_of::a', 'branch_one_of::b']);
    expect(branches('decision-making', { intentChains: [{ id: 'intent-one-of::x' }] })).toEqual(['intent-one-of::x']);
    expect(branches('question-answer', { answerType: 'direct', optionAnswer: [{ id: 'option-one-of::o' }] })).toEqual([]);
    expect(branches('question-answer', { answerType: 'option', optionAnswer: [{ id: 'option-one-of::o' }] })).toEqual(['option-one-of::o']);
    expect(branches('spark-llm', {})).toEqual([]);
    expect(nodeDefinitions.filter((item) => item.errorBranch).map((item) => item.type).sort()).toEqual(
      ['agent', 'database', 'decision-making', 'extractor-parameter', 'flow', 'http-request', 'ifly-code', 'knowledge-base', 'knowledge-pro-base', 'plugin', 'spark-llm'].sort(),
    );
  });

  test('parsing fills in the original defaults and keeps unknown keys', () => {
    const llm = parseNodeParam('spark-llm', { model: 'openai/gpt-4o-mini', llmId: 110 });
    expect(llm.data).toMatchObject({ temperature: 1, maxTokens: 2048, topK: 3, respFormat: 0, searchDisable: true, llmId: 110 });
    expect(parseNodeParam('knowledge-base', { repoId: ['r1'] }).data).toMatchObject({ topN: '5', score: 0.1, ragType: 'AIUI-RAG2' });
    expect(parseNodeParam('knowledge-base', { repoId: [], topN: 3 }).success).toBe(true);
    const database = parseNodeParam('database', { dbId: '42', mode: 2, tableName: 't' });
    expect(database.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['cases']);
    expect(parseNodeParam('database', { dbId: 42, mode: 0 }).error?.issues[0]?.message).toBe('mode 0 runs sql, which is empty');
    expect(parseNodeParam('question-answer', { question: 'q', answerType: 'option', timeout: 3, needReply: false, directAnswer: { handleResponse: false, maxRetryCounts: 2 } }).error?.issues[0]?.path).toEqual(['optionAnswer']);
  });
});
