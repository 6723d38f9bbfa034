import { expect, test } from 'vitest';
import * as dsl from './index.js';
import { supportTriageFlow } from './test-harness.js';

test('the public API', () => {
  for (const name of ['validateWorkflow', 'importAstronFlow', 'exportWorkflow', 'importWorkflowExport', 'nodeParamJsonSchema', 'workflowDslSchema', 'parseNodeId']) {
    expect(typeof (dsl as Record<string, unknown>)[name], name).not.toBe('undefined');
  }
  const parsed = dsl.workflowDslSchema.parse(supportTriageFlow().data);
  expect(parsed.nodes[1]!.data.retryConfig).toEqual({ timeout: 90, should_retry: false, max_retries: 0, error_strategy: 0, custom_output: {} });
  expect(dsl.parseNodeId(parsed.nodes[1]!.id)).toEqual({ type: 'spark-llm', suffix: '5b7e2c94-1d3a-4f6b-8e20-7a9c1d4e3b02' });
});
