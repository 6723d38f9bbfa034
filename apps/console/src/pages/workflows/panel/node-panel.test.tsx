// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../../i18n/index.js';
import { newEdge } from '../editor/connections.js';
import type { Draft } from '../editor/draft.js';
import { editorReducer } from '../editor/editor-state.js';
import { addNode, freshState } from '../editor/test-drafts.js';
import { renderNodePanel, shownDraft } from './test-panel.js';

beforeAll(() => {
  initI18n('en');
});
afterEach(cleanup);

/** The panel over a live draft, as the editor wires it (without the canvas). */
const MODELS = [{ value: 'pv_1/m', label: 'P / m' }];
const draftOf = (): Draft => shownDraft();
const field = (path: string) => screen.getAllByTestId('param-field').find((item) => item.getAttribute('data-path') === path)!;

describe('node panel', () => {
  it('builds the LLM form from its schema: model select, prompt textarea, numbers, enums, groups, JSON', () => {
    const { state, node } = addNode(freshState(), 'spark-llm');
    renderNodePanel(state, node.id, MODELS);
    expect(within(field('data.nodeParam.model')).getByTestId('model-select')).toBeTruthy();
    expect(field('data.nodeParam.template').querySelector('textarea')).not.toBeNull();
    expect(field('data.nodeParam.temperature').querySelector('input[type=number]')).not.toBeNull();
    expect(field('data.nodeParam.respFormat').querySelector('select')).not.toBeNull();
    expect(field('data.nodeParam.enableChatHistoryV2.rounds').querySelector('input[type=number]')).not.toBeNull();
    expect(within(field('data.nodeParam.extraParams')).getByTestId('json-field')).toBeTruthy();

    fireEvent.change(within(field('data.nodeParam.model')).getByTestId('model-select'), { target: { value: 'pv_1/m' } });
    fireEvent.change(field('data.nodeParam.template').querySelector('textarea')!, { target: { value: 'Hi {{input}}' } });
    fireEvent.change(field('data.nodeParam.maxTokens').querySelector('input')!, { target: { value: '512' } });
    fireEvent.click(field('data.nodeParam.enableChatHistoryV2.isEnabled').querySelector('input')!);
    const json = within(field('data.nodeParam.extraParams')).getByTestId('json-field');
    fireEvent.change(json, { target: { value: '{"seed": 7}' } });
    fireEvent.blur(json);
    fireEvent.change(screen.getByTestId('retry-strategy'), { target: { value: '2' } });
    const param = draftOf().nodes.find((item) => item.id === node.id)!;
    expect(param.data.nodeParam).toMatchObject({
      model: 'pv_1/m',
      template: 'Hi {{input}}',
      maxTokens: 512,
      enableChatHistoryV2: { isEnabled: true, rounds: 1 },
      extraParams: { seed: 7 },
    });
    expect(param.data.retryConfig?.error_strategy).toBe(2);
  });

  it("edits an if-else's cases as groups: a new case goes before the default one, conditions pick the node's inputs", () => {
    const { state, node } = addNode(freshState(), 'if-else');
    renderNodePanel(state, node.id, MODELS);
    const casesField = field('data.nodeParam.cases');
    expect(within(casesField).getAllByTestId('list-item').filter((item) => item.getAttribute('data-list') === 'cases')).toHaveLength(2);
    fireEvent.click(within(casesField).getAllByTestId('list-add').find((button) => button.getAttribute('data-list') === 'cases')!);
    let cases = draftOf().nodes.find((item) => item.id === node.id)!.data.nodeParam.cases as { id: string; level: number }[];
    expect(cases.map((item) => item.level)).toEqual([1, 2, 999]);
    expect(cases[1]!.id).toMatch(/^branch_one_of::/);

    fireEvent.click(within(field('data.nodeParam.cases[0].conditions')).getByTestId('list-add'));
    const left = field('data.nodeParam.cases[0].conditions[0].leftVarIndex').querySelector('select')!;
    const inputId = node.data.inputs[0]!.id;
    expect([...left.options].map((option) => option.value)).toEqual(['', inputId]);
    fireEvent.change(left, { target: { value: inputId } });
    cases = draftOf().nodes.find((item) => item.id === node.id)!.data.nodeParam.cases as { id: string; level: number }[];
    expect(cases[0]).toMatchObject({ conditions: [{ leftVarIndex: inputId, compareOperator: 'contains' }] });
  });

  it('inside an iteration, offers the iteration start and what the iteration may read', () => {
    let state = freshState();
    const iteration = addNode(state, 'iteration');
    state = editorReducer(iteration.state, { type: 'connect', edge: newEdge({ source: 'node-start::s1', target: iteration.node.id }) });
    const inner = addNode(state, 'template-transform', iteration.node.id);
    renderNodePanel(inner.state, inner.node.id, MODELS);
    const options = within(screen.getByTestId('variable-picker')).getAllByTestId('variable-option');
    expect(options.map((option) => option.textContent)).toEqual(['Start / AGENT_USER_INPUT (string)', 'Body start / input (string)']);
  });

  it('lets a code node declare its outputs, and keeps the fixed ones of an LLM', () => {
    const code = addNode(freshState(), 'ifly-code');
    renderNodePanel(code.state, code.node.id, MODELS);
    fireEvent.click(screen.getByTestId('output-add'));
    fireEvent.change(screen.getAllByTestId('output-type')[1]!, { target: { value: 'array-string' } });
    const outputs = draftOf().nodes.find((item) => item.id === code.node.id)!.data.outputs;
    expect(outputs.map((output) => [output.name, output.schema.type])).toEqual([
      ['output', 'string'],
      ['output1', 'array-string'],
    ]);
    cleanup();
    const llm = addNode(freshState(), 'spark-llm');
    renderNodePanel(llm.state, llm.node.id, MODELS);
    const row = screen.getByTestId('output-row');
    expect(within(row).getByTestId<HTMLInputElement>('output-name').disabled).toBe(true);
    expect(within(row).queryByTestId('output-remove')).toBeNull();
  });
});
