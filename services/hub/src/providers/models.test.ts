import { AppError } from '@astron/kit/errors';
import { describe, expect, test } from 'vitest';
import { explainFailure } from './connection.js';
import { enteredModels, guessKind, mergeFetched, parseModelRef } from './models.js';

describe('provider models', () => {
  test('kinds are guessed from the id', () => {
    expect(guessKind('text-embedding-3-small')).toBe('embedding');
    expect(guessKind('BAAI/bge-m3-Embed')).toBe('embedding');
    expect(guessKind('gpt-4o-mini')).toBe('chat');
  });

  test('a refresh keeps entered models and corrected kinds, and drops what the provider no longer lists', () => {
    const current = [
      { id: 'mine', kind: 'chat', source: 'entered' },
      { id: 'old', kind: 'chat', source: 'fetched' },
      { id: 'bge-m3', kind: 'embedding', source: 'fetched' },
    ] as const;
    expect(mergeFetched([...current], ['bge-m3', 'new-embed', 'mine', 'new-embed'])).toEqual([
      { id: 'mine', kind: 'chat', source: 'entered' },
      { id: 'bge-m3', kind: 'embedding', source: 'fetched' },
      { id: 'new-embed', kind: 'embedding', source: 'fetched' },
    ]);
  });

  test('an edited list keeps each known model source and takes each id once', () => {
    const current = [{ id: 'a', kind: 'chat', source: 'fetched' }] as const;
    expect(enteredModels([...current], [{ id: 'a', kind: 'other' }, { id: 'b', kind: 'chat' }, { id: 'b', kind: 'other' }])).toEqual([
      { id: 'a', kind: 'other', source: 'fetched' },
      { id: 'b', kind: 'chat', source: 'entered' },
    ]);
  });

  test('model references split at the first slash', () => {
    expect(parseModelRef('pv_1/meta-llama/Llama-3-8B')).toEqual({ providerId: 'pv_1', modelId: 'meta-llama/Llama-3-8B' });
    expect(parseModelRef('no-slash')).toBeNull();
    expect(parseModelRef('/x')).toBeNull();
    expect(parseModelRef('x/')).toBeNull();
  });

  test('a timeout reads as the provider not answering in time', () => {
    const timeout = new AppError({ code: 'egress_timeout', status: 504, message: 'the request to h timed out after 20000 ms' });
    const explained = explainFailure(timeout, new URL('https://models.example/v1/models'));
    expect(explained).toMatchObject({ code: 'provider_timeout', status: 504 });
    expect(explained.message).toBe('models.example did not answer within 20 s');
  });
});
