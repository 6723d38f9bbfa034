import { describe, expect, test } from 'vitest';
import { fillInstructions } from './prompt.js';
import { countTokens, windowByTokens } from './token-window.js';

describe('memory window', () => {
  const system = { role: 'system' as const, content: 'You are brief.' };
  const turns = [
    { role: 'user' as const, content: 'old question '.repeat(50) },
    { role: 'assistant' as const, content: 'old answer' },
    { role: 'user' as const, content: 'new question' },
  ];

  test('everything is kept when it fits, without tokenizing', async () => {
    expect(await windowByTokens(system, turns, 10_000)).toEqual({ turns: [system, ...turns], dropped: 0 });
  });

  test('the newest whole messages that fit are kept, with the system prompt', async () => {
    const budget = (await countTokens(system)) + (await countTokens(turns[1]!)) + (await countTokens(turns[2]!)) + 5;
    const window = await windowByTokens(system, turns, budget);
    expect(window.turns).toEqual([system, turns[1], turns[2]]);
    expect(window.dropped).toBe(1);
  });

  test('the last message is kept even alone over budget', async () => {
    const window = await windowByTokens(null, [{ role: 'user', content: 'word '.repeat(500) }], 64);
    expect(window.turns).toHaveLength(1);
  });

  test('instructions take their variables; unknown ones stay visible', () => {
    expect(fillInstructions('Hi {{ name }}, {{count}} left, {{missing}}.', { name: 'Ada', count: 3 })).toBe('Hi Ada, 3 left, {{missing}}.');
  });
});
