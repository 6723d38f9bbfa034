import { describe, expect, it } from 'vitest';
import type { Agent, Provider } from '../../api/types.js';
import {
  chatModelOptions,
  initialValues,
  isValidAlias,
  toDraftChanges,
  validateAgent,
} from './agent-form-model.js';

const agent: Agent = {
  id: 'ag_1',
  alias: null,
  name: 'Helper',
  icon: '',
  description: '',
  instructions: 'Be brief.',
  model: 'pv_1/gpt-4o-mini',
  parameters: { topP: 0.9 },
  tools: ['calculator'],
  strategy: 'auto',
  maxSteps: 8,
  openingMessage: '',
  suggestedQuestions: [],
  memory: { enabled: true, maxTokens: 8000 },
  publishedVersion: null,
  publishedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('agent settings checks', () => {
  it('accepts the stored agent as it is', () => {
    expect(validateAgent(initialValues(agent))).toEqual({});
  });

  it('names every field out of the hub’s limits', () => {
    const values = {
      ...initialValues(agent),
      name: '  ',
      temperature: '2.5',
      maxTokens: '1.5',
      maxSteps: '0',
      memoryMaxTokens: '10',
      suggestedQuestions: Array.from({ length: 11 }, (_, index) => `q${index}`),
    };
    expect(validateAgent(values)).toEqual({
      name: 'validation.required',
      temperature: 'validation.temperature',
      maxTokens: 'validation.maxTokens',
      maxSteps: 'validation.maxSteps',
      memoryMaxTokens: 'validation.memoryTokens',
      suggestedQuestions: 'validation.tooMany',
    });
    expect(validateAgent({ ...values, memoryEnabled: false }).memoryMaxTokens).toBeUndefined();
    expect(validateAgent({ ...initialValues(agent), temperature: 'warm' }).temperature).toBe(
      'validation.temperature',
    );
  });

  it('builds the PATCH body: numbers, trimmed questions, kept topP, no model as null', () => {
    const changes = toDraftChanges(
      {
        ...initialValues(agent),
        name: ' Helper 2 ',
        model: '',
        temperature: '0.2',
        maxTokens: '',
        tools: ['web_reader', 'current_time'],
        suggestedQuestions: [' What time is it? ', ''],
        memoryEnabled: false,
      },
      agent,
    );
    expect(changes).toMatchObject({
      name: 'Helper 2',
      model: null,
      parameters: { temperature: 0.2, topP: 0.9 },
      tools: ['current_time', 'web_reader'],
      maxSteps: 8,
      suggestedQuestions: ['What time is it?'],
      memory: { enabled: false, maxTokens: 8000 },
    });
  });

  it('checks the alias as the hub does, and sends it only when it changed', () => {
    for (const good of ['support-bot', 'v2.helper_1', '9lives', 'a'.repeat(64), 'agentic', 'ag_1'])
      expect(isValidAlias(good)).toBe(true);
    for (const bad of ['', 'Support', '-bot', '.bot', 'has space', 'a'.repeat(65), 'agent_x', 'bot/1'])
      expect(isValidAlias(bad)).toBe(false);
    expect(validateAgent({ ...initialValues(agent), alias: 'Bad' }).alias).toBe('validation.alias');
    expect(validateAgent({ ...initialValues(agent), alias: '  ' }).alias).toBeUndefined();

    expect(toDraftChanges(initialValues(agent), agent)).not.toHaveProperty('alias');
    expect(toDraftChanges({ ...initialValues(agent), alias: ' help-desk ' }, agent).alias).toBe('help-desk');
    const aliased = { ...agent, alias: 'help-desk' };
    expect(toDraftChanges(initialValues(aliased), aliased)).not.toHaveProperty('alias');
    expect(toDraftChanges({ ...initialValues(aliased), alias: '' }, aliased).alias).toBeNull();
  });

  it('offers the chat models of every provider as <providerId>/<modelId>', () => {
    const provider = (id: string, name: string, models: Provider['models']): Provider => ({
      id,
      name,
      baseUrl: 'http://x',
      hasApiKey: false,
      headerNames: [],
      models,
      lastTest: null,
      createdAt: '',
      updatedAt: '',
    });
    expect(
      chatModelOptions([
        provider('pv_1', 'OpenAI', [
          { id: 'gpt-4o-mini', kind: 'chat', source: 'fetched' },
          { id: 'text-embedding-3-small', kind: 'embedding', source: 'fetched' },
        ]),
        provider('pv_2', 'Local', [{ id: 'qwen/qwen3', kind: 'chat', source: 'entered' }]),
      ]),
    ).toEqual([
      { value: 'pv_1/gpt-4o-mini', label: 'OpenAI / gpt-4o-mini' },
      { value: 'pv_2/qwen/qwen3', label: 'Local / qwen/qwen3' },
    ]);
  });
});
