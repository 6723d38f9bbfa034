// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WorkflowSummary } from '../../api/types.js';
import { initI18n } from '../../i18n/index.js';
import { toDraftChanges, initialValues } from './agent-form-model.js';
import { AgentWorkflows } from './agent-workflows.js';

// The messages as a person reads them (files run one after another in a worker: never rely on i18n being unset).
beforeAll(() => {
  initI18n('en');
});
afterEach(() => cleanup());

const workflow = (id: string, publishedVersion: number | null): WorkflowSummary => ({
  id,
  name: `Flow ${id}`,
  description: '',
  alias: null,
  problems: [],
  publishedVersion,
  publishedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

describe('workflows as agent tools', () => {
  it("lists the space's workflows, marks unpublished ones, and toggles the selection", () => {
    const onChange = vi.fn();
    render(<AgentWorkflows workflows={[workflow('wf_a', 1), workflow('wf_b', null)]} selected={['wf_a']} onChange={onChange} />);
    const boxes = screen.getAllByTestId('agent-workflow');
    expect(boxes.map((box) => [box.getAttribute('data-workflow-id'), (box as HTMLInputElement).checked])).toEqual([
      ['wf_a', true],
      ['wf_b', false],
    ]);
    expect(screen.getByTestId('agent-workflows').textContent).toContain('not published: the agent cannot run until it is');
    fireEvent.click(boxes[1]!);
    expect(onChange).toHaveBeenLastCalledWith(['wf_a', 'wf_b']);
    fireEvent.click(boxes[0]!);
    expect(onChange).toHaveBeenLastCalledWith([]);
  });

  it('sends the chosen workflows with the draft', () => {
    const agent = { id: 'ag', alias: null, name: 'A', icon: '', description: '', instructions: '', model: null, parameters: {}, tools: [], workflows: ['wf_a'], strategy: 'auto', maxSteps: 8, openingMessage: '', suggestedQuestions: [], memory: { enabled: true, maxTokens: 8000 }, publishedVersion: null, publishedAt: null, createdAt: '', updatedAt: '' } as const;
    const values = { ...initialValues(agent as never), workflows: ['wf_a', 'wf_c'] };
    expect(toDraftChanges(values, agent as never).workflows).toEqual(['wf_a', 'wf_c']);
  });
});
