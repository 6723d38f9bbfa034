import type { Workflow } from '../../api/types.js';
import type { Draft } from './editor/draft.js';

/**
 * What xyflow needs from a browser that jsdom lacks (as xyflow's testing guide says): a ResizeObserver that reports
 * a size, DOMMatrixReadOnly for the viewport's zoom, element sizes and SVG boxes. Layout is not real: tests check
 * the editor's state and panels, not where things are drawn.
 */
export function stubBrowserLayout(): void {
  class ResizeObserverStub {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      this.callback([{ target, contentRect: { width: 240, height: 72 } } as unknown as ResizeObserverEntry], this);
    }
    unobserve() {}
    disconnect() {}
  }
  class DOMMatrixReadOnlyStub {
    m22: number;
    constructor(transform?: string) {
      const scale = transform?.match(/scale\(([\d.]+)\)/)?.[1];
      this.m22 = scale === undefined ? 1 : Number(scale);
    }
  }
  globalThis.ResizeObserver = ResizeObserverStub;
  (globalThis as { DOMMatrixReadOnly?: unknown }).DOMMatrixReadOnly = DOMMatrixReadOnlyStub;
  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: { configurable: true, get: () => 72 },
    offsetWidth: { configurable: true, get: () => 240 },
  });
  (SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox = () => ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;
  window.scrollTo = () => {};
}

export const START = 'node-start::aaaaaaaa-0000-4000-8000-000000000001';
export const LLM = 'spark-llm::aaaaaaaa-0000-4000-8000-000000000002';
export const QUESTION = 'question-answer::aaaaaaaa-0000-4000-8000-000000000003';
export const END = 'node-end::aaaaaaaa-0000-4000-8000-000000000004';
export const OPTION_YES = 'option-one-of::aaaaaaaa-0000-4000-8000-00000000000a';
export const OPTION_OTHER = 'option-one-of::aaaaaaaa-0000-4000-8000-00000000000b';

const ref = (nodeId: string, name: string) => ({ type: 'ref' as const, content: { nodeId, name } });

/** start → LLM → question (options: yes / anything else) → end, valid as it is. */
export function sampleDraft(): Draft {
  return {
    nodes: [
      {
        id: START,
        position: { x: 0, y: 0 },
        data: {
          nodeMeta: { nodeType: '基础节点', aliasName: 'Start' },
          inputs: [],
          outputs: [{ id: 'o-start', name: 'AGENT_USER_INPUT', schema: { type: 'string' }, required: true }],
          nodeParam: {},
        },
      },
      {
        id: LLM,
        position: { x: 300, y: 0 },
        data: {
          nodeMeta: { nodeType: '基础节点', aliasName: 'Writer' },
          inputs: [{ id: 'i-llm', name: 'input', schema: { type: 'string', value: ref(START, 'AGENT_USER_INPUT') } }],
          outputs: [{ id: 'o-llm', name: 'output', schema: { type: 'string' } }],
          nodeParam: { model: 'pv_1/gpt-4o-mini', template: 'Answer {{input}}' },
          retryConfig: { timeout: 60, should_retry: false, max_retries: 0, error_strategy: 0, custom_output: {} },
        },
      },
      {
        id: QUESTION,
        position: { x: 600, y: 0 },
        data: {
          nodeMeta: { nodeType: '基础节点', aliasName: 'Confirm' },
          inputs: [{ id: 'i-q', name: 'input', schema: { type: 'string', value: ref(LLM, 'output') } }],
          outputs: [
            { id: 'o-q1', name: 'query', schema: { type: 'string' } },
            { id: 'o-q2', name: 'content', schema: { type: 'string' } },
          ],
          nodeParam: {
            question: 'Send {{input}}?',
            answerType: 'option',
            timeout: 3,
            needReply: false,
            directAnswer: { handleResponse: false, maxRetryCounts: 2 },
            optionAnswer: [
              { id: OPTION_YES, name: 'A', type: 2, content_type: 'string', content: 'Yes' },
              { id: OPTION_OTHER, name: 'default', type: 1, content_type: 'string', content: '' },
            ],
          },
        },
      },
      {
        id: END,
        position: { x: 900, y: 0 },
        data: {
          nodeMeta: { nodeType: '基础节点', aliasName: 'End' },
          inputs: [{ id: 'i-end', name: 'answer', schema: { type: 'string', value: ref(QUESTION, 'content') } }],
          outputs: [],
          nodeParam: { outputMode: 0 },
        },
      },
    ],
    edges: [
      { id: 'e1', sourceNodeId: START, targetNodeId: LLM },
      { id: 'e2', sourceNodeId: LLM, targetNodeId: QUESTION },
      { id: 'e3', sourceNodeId: QUESTION, targetNodeId: END, sourceHandle: OPTION_YES },
      { id: 'e4', sourceNodeId: QUESTION, targetNodeId: END, sourceHandle: OPTION_OTHER },
    ],
  };
}

export function workflowOf(draft: Draft, changes: Partial<Workflow> = {}): Workflow {
  return {
    id: 'workflow_1',
    name: 'Support',
    description: '',
    alias: null,
    draft,
    problems: [],
    publishedVersion: null,
    publishedAt: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...changes,
  };
}

/** A Server-Sent Events body as the hub relays a run: `id`, `event` and JSON `data` per event. */
export function sseBody(events: [string, unknown][], firstId = 1): string {
  return events.map(([type, data], index) => `id: ${firstId + index}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}
