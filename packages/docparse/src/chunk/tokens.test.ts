import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { describe, expect, it } from 'vitest';
import { countTokens } from './tokens.js';

const reference = new Tiktoken(cl100k);

describe('countTokens', () => {
  it.each([
    ['English', "The quick brown fox jumps over the lazy dog. It's 3.14159 o'clock, isn't it?"],
    [
      'Chinese',
      '我们的知识库服务需要把文档切分成合适大小的片段，以便检索。本制度适用于全体员工；请在月底前提交发票！',
    ],
    ['code', 'function add(a, b) {\n  return a + b; // sum\n}\n\n\tconst x = add(1, 2);\r\n'],
    ['emoji and accents', 'café naïve résumé 😀👍🏽 東京 ☃ Ωmega'],
    ['white space', '  a  \n\n\n   b\t\t c     \n'],
    ['numbers', '1234567890 2024-01-15 +86 138 0013 8000'],
  ])('counts %s exactly as tiktoken does', (_, text) => {
    expect(countTokens(text)).toBe(reference.encode(text).length);
  });

  it('counts a long word quickly and as tiktoken does', () => {
    const started = performance.now();
    expect(countTokens('a'.repeat(5000))).toBe(625);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('counts special-token text as plain text', () => {
    expect(countTokens('<|endoftext|>')).toBe(reference.encode('<|endoftext|>', [], []).length);
    expect(countTokens('')).toBe(0);
  });
});
