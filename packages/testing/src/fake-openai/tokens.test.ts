import { describe, expect, it } from 'vitest';
import { countPromptTokens, lastUserText, splitIntoTokens } from './tokens.js';

describe('splitIntoTokens', () => {
  it('keeps words with their trailing space and gives back the text when joined', () => {
    const text = '  Hello,  wonderful\nworld! {"city":"Hefei"} ';
    const pieces = splitIntoTokens(text);
    expect(pieces.join('')).toBe(text);
    expect(pieces.slice(0, 3)).toEqual(['  ', 'Hello,  ', 'wonderfu']);
    expect(pieces).toContain('l\n');
  });

  it('cuts long words into 8-character pieces and counts nothing for an empty text', () => {
    expect(splitIntoTokens('thinking hard')).toEqual(['thinking ', 'hard']);
    expect(splitIntoTokens('abcdefghijklmnopq')).toEqual(['abcdefgh', 'ijklmnop', 'q']);
    expect(splitIntoTokens('')).toEqual([]);
  });
});

describe('prompt helpers', () => {
  it('reads the last user message, including multi-part content', () => {
    const request = {
      model: 'm',
      messages: [
        { role: 'user', content: 'old' },
        {
          role: 'user',
          content: [{ type: 'text', text: 'look at' }, { type: 'image_url' }, { type: 'text', text: 'this' }],
        },
        { role: 'assistant', content: 'ok' },
      ],
    };
    expect(lastUserText(request)).toBe('look at\nthis');
    expect(lastUserText({ model: 'm', messages: [{ role: 'system', content: 'x' }] })).toBe('');
  });

  it('counts 3 tokens per message plus the pieces of texts and tool arguments', () => {
    const messages = [
      { role: 'user', content: 'two words' },
      { role: 'assistant', content: null, tool_calls: [{ function: { name: 'f', arguments: '{"a":1}' } }] },
    ];
    expect(countPromptTokens(messages)).toBe(3 + 2 + 3 + 1);
  });
});
