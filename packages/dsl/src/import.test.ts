import { describe, expect, test, vi } from 'vitest';
import { exportWorkflow, importWorkflowExport } from './export.js';
import type { OriginalModel } from './import.js';
import { DslImportError, importAstronFlow } from './import.js';
import { readFixture, supportTriageFlow } from './test-harness.js';
import { validateWorkflow } from './validate.js';

const toSpaceModel = () => ({ model: 'openai/gpt-4o-mini' });
const nodeOf = (dsl: { nodes: unknown[] }, type: string) => (dsl.nodes as any[]).find((node) => node.id.startsWith(`${type}::`));

describe('importing the original engine form', () => {
  test('maps every model-using node, drops secrets, marks iteration bodies, and validates clean', () => {
    const flow = supportTriageFlow();
    const before = JSON.stringify(flow);
    const mapModel = vi.fn((_original: OriginalModel) => toSpaceModel());
    const result = importAstronFlow(flow, { mapModel });

    expect(JSON.stringify(flow)).toBe(before);
    expect(result.name).toBe('Support triage');
    expect(result.description).toContain('urgent ones as tickets');
    expect(mapModel.mock.calls.map(([original]) => [original.nodeType, original.domain, original.model, original.source, original.llmId])).toEqual([
      ['spark-llm', '4.0Ultra', 'spark', 'xinghuo', 110],
      ['question-answer', '4.0Ultra', 'spark', 'xinghuo', 110],
    ]);
    const llm = nodeOf(result.dsl, 'spark-llm');
    expect(llm.data.nodeParam).toMatchObject({ model: 'openai/gpt-4o-mini', temperature: 0.5, maxTokens: 2048 });
    for (const key of ['domain', 'url', 'source', 'serviceId', 'llmId', 'patch_id', 'apiKey', 'apiSecret']) {
      expect(llm.data.nodeParam).not.toHaveProperty(key);
    }
    expect(JSON.stringify(result.dsl)).not.toContain('example-api-secret');
    expect(result.warnings.map((warning) => warning.code)).toEqual(['credentials-removed']);

    const iteration = nodeOf(result.dsl, 'iteration').id;
    const body = (result.dsl.nodes as any[]).filter((node) => node.parentId === iteration).map((node) => node.id.split('::')[0]);
    expect(body).toEqual(['iteration-node-start', 'ifly-code', 'iteration-node-end']);
    expect((result.dsl.edges as any[]).map((edge) => edge.sourceHandle ?? '').filter(Boolean)).toEqual([
      'branch_one_of::2f4a6c8e-0b1d-4f3a-95c7-e9b1d3f5a711',
      'branch_one_of::7a9c1e3b-5d7f-4b2a-86c4-0e2a4c6e8b12',
      'option-one-of::4b6d8f0a-2c4e-4a6b-8d0f-1a3c5e7b9d13',
      'option-one-of::5c7e9a1b-3d5f-4b7c-9e1a-2b4d6f8a0c14',
      'option-one-of::6d8f0b2c-4e6a-4c8d-a0f2-3c5e7a9b1d15',
    ]);
    expect(validateWorkflow(result.dsl)).toEqual({ ok: true, problems: [] });
  });

  test('a model with no match: a warning naming the node, which is kept with its model cleared', () => {
    const result = importAstronFlow(supportTriageFlow(), { mapModel: () => null });
    const llm = nodeOf(result.dsl, 'spark-llm');
    expect(llm.data.nodeParam.model).toBe('');
    expect(llm.data.nodeParam).not.toHaveProperty('domain');
    const unmapped = result.warnings.filter((warning) => warning.code === 'model-not-mapped');
    expect(unmapped.map((warning) => warning.nodeId)).toEqual([llm.id, nodeOf(result.dsl, 'question-answer').id]);
    expect(unmapped[0]!.message).toContain(`${llm.id} ("大模型")`);
    expect(unmapped[0]!.message).toContain('4.0Ultra');
    // The question node only needs a model for some settings; the LLM node cannot run without one.
    const { problems } = validateWorkflow(result.dsl);
    expect(problems.map((problem) => [problem.code, problem.nodeId])).toEqual([['missing-model', llm.id]]);
  });

  test('bare { nodes, edges }, as JSON text', () => {
    const result = importAstronFlow(JSON.stringify(supportTriageFlow().data), { mapModel: toSpaceModel });
    expect(result.name).toBe('Imported workflow');
    expect(validateWorkflow(result.dsl).problems).toEqual([]);
  });

  test('camelCase retry settings, as the original console writes them', () => {
    const flow = supportTriageFlow();
    const code = flow.data.nodes.find((node) => node.id.startsWith('ifly-code::'))!;
    code.data.retryConfig = { timeout: 10, shouldRetry: true, maxRetries: 2, errorStrategy: 1, customOutput: '{"ticket": "", "priority": 0}' };
    const imported = nodeOf(importAstronFlow(flow, { mapModel: toSpaceModel }).dsl, 'ifly-code');
    expect(imported.data.retryConfig).toEqual({ timeout: 10, should_retry: true, max_retries: 2, error_strategy: 1, custom_output: { ticket: '', priority: 0 } });
  });
});

describe('importing the original console export (YAML)', () => {
  test('converts the canvas form and validates clean', () => {
    const mapModel = vi.fn((_original: OriginalModel) => toSpaceModel());
    const result = importAstronFlow(readFixture('astron-console-export.yaml'), { mapModel });
    expect(result).toMatchObject({ name: 'City weather', description: 'Answers weather questions, or writes a line per city otherwise.' });
    expect(mapModel.mock.calls.map(([original]) => [original.nodeType, original.domain])).toEqual([
      ['decision-making', '4.0Ultra'],
      ['spark-llm', 'xdeepseekv3'],
    ]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'input-dropped', nodeId: 'decision-making::6d4b8e0f-2a5c-4d9e-9f3b-4c6d8e0f2a04' }),
    ]);
    const decision = nodeOf(result.dsl, 'decision-making');
    expect(decision.data.nodeMeta.aliasName).toBe('决策');
    expect(decision.data.inputs.map((input: any) => input.name)).toEqual(['Query']);
    expect(decision.data.retryConfig).toEqual({ timeout: 60, should_retry: true, max_retries: 1, error_strategy: 1, custom_output: { class_name: 'default' } });
    expect(nodeOf(result.dsl, 'text-joiner').data.inputs[1].schema.type).toBe('string');
    expect((result.dsl.edges as any[])[1]).toMatchObject({
      id: 'e2',
      sourceNodeId: 'decision-making::6d4b8e0f-2a5c-4d9e-9f3b-4c6d8e0f2a04',
      targetNodeId: 'spark-llm::2d0b4e6f-8a1c-4d5e-9f9b-0c2d4e6f8a10',
    });
    expect((result.dsl.edges as any[])[1]).not.toHaveProperty('source');
    expect(validateWorkflow(result.dsl)).toEqual({ ok: true, problems: [] });
  });
});

describe('what is not an astron-agent workflow', () => {
  test('is refused with a code', () => {
    const refused = (input: unknown) => {
      try {
        importAstronFlow(input, { mapModel: toSpaceModel });
      } catch (error) {
        expect(error).toBeInstanceOf(DslImportError);
        return (error as DslImportError).code;
      }
      return 'accepted';
    };
    expect(refused({ workflow: {} })).toBe('unrecognized-format');
    expect(refused(42)).toBe('unrecognized-format');
    expect(refused('{ "nodes": [ ')).toBe('unreadable');
  });
});

describe('our export', () => {
  test('wraps the workflow with its name and format, and reads back', () => {
    const dsl = supportTriageFlow().data as any;
    const file = exportWorkflow(dsl, { name: 'Support triage' });
    expect(file).toMatchObject({ format: 'astron-workflow', formatVersion: 1, name: 'Support triage', description: '' });
    expect(file.data).toEqual(dsl);
    const back = importWorkflowExport(JSON.stringify(file));
    expect(back).toEqual({ dsl, name: 'Support triage', description: '', warnings: [] });
    expect(() => importWorkflowExport({ ...file, formatVersion: 2 })).toThrow(/formatVersion 2 is not supported/);
    expect(() => importWorkflowExport(supportTriageFlow())).toThrow(DslImportError);
  });
});
