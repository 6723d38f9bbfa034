import { createSandboxPool, type SandboxPool } from '@astron/sandbox';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chain, flow, literal, node, ref } from './test-flows.js';
import type { ValueSource } from './variables.js';
import { noModels, startTestEngine, type EngineUnderTest } from './test-harness.js';

let sandbox: SandboxPool;
let engine: EngineUnderTest;

beforeAll(async () => {
  sandbox = createSandboxPool({ size: 1, timeoutMs: 10_000 });
  engine = await startTestEngine({ services: { ...noModels, sandbox } });
}, 180_000);

afterAll(async () => {
  await engine?.stop();
  await sandbox?.close();
});

const codeNode = (language: 'python' | 'javascript', code: string, inputs: Record<string, ValueSource>, outputs: string[]) =>
  node('ifly-code', { inputs, outputs, param: { codeLanguage: language, code } });

describe('the code node in the sandbox', () => {
  test("Python as the original's: def main(...) with the inputs as keyword arguments, returning a dict", async () => {
    const start = node('node-start', { outputs: ['numbers'] });
    const code = codeNode('python', 'def main(numbers, factor):\n    return {"total": sum(numbers) * factor, "count": len(numbers)}\n', { numbers: ref(start.id, 'numbers'), factor: literal(2) }, ['total', 'count']);
    const end = node('node-end', { inputs: { total: ref(code.id, 'total'), count: ref(code.id, 'count') } });
    const result = await engine.runToEnd({ workflow: flow([start, code, end], chain(start, code, end)) }, { numbers: [1, 2, 3] });
    expect(result.run).toMatchObject({ status: 'succeeded', outputs: { total: 12, count: 3 } });
  }, 60_000);

  test('JavaScript: function main({ ... }) returning an object', async () => {
    const start = node('node-start', { outputs: ['name'] });
    const code = codeNode('javascript', 'function main({ name }) { return { shout: name.toUpperCase() + "!" }; }', { name: ref(start.id, 'name') }, ['shout']);
    const end = node('node-end', { inputs: { shout: ref(code.id, 'shout') } });
    const result = await engine.runToEnd({ workflow: flow([start, code, end], chain(start, code, end)) }, { name: 'ada' });
    expect(result.run.outputs).toEqual({ shout: 'ADA!' });
  }, 60_000);

  test('an exception, a missing output and a runaway loop fail the node with what the author needs', async () => {
    const start = node('node-start');
    const end = node('node-end');
    const raising = codeNode('python', 'def main():\n    raise ValueError("bad input")\n', {}, ['x']);
    const raised = await engine.runToEnd({ workflow: flow([start, raising, end], chain(start, raising, end)) });
    expect(raised.run).toMatchObject({ status: 'failed', error: { nodeId: raising.id, message: expect.stringContaining('bad input') } });

    const forgetful = codeNode('javascript', 'function main() { return { y: 1 }; }', {}, ['x']);
    const forgot = await engine.runToEnd({ workflow: flow([start, forgetful, end], chain(start, forgetful, end)) });
    expect(forgot.run).toMatchObject({ status: 'failed', error: { code: 'code_output_missing', message: expect.stringContaining('returned no x') } });

    const runaway = node('ifly-code', { outputs: ['x'], param: { codeLanguage: 'javascript', code: 'function main() { while (true) {} }' }, retry: { timeout: 1 } });
    const stuck = await engine.runToEnd({ workflow: flow([start, runaway, end], chain(start, runaway, end)) });
    expect(stuck.run).toMatchObject({ status: 'failed', error: { code: 'code_timeout' } });
  }, 90_000);
});
