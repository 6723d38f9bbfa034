import { describe, expect, it } from 'vitest';
import { parseDocument } from '../parse/parse-document.js';
import { writePdf } from '../testing/pdf-writer.js';
import type { Chunk, ChunkOptions, ParsedDocument, Section } from '../types.js';
import { chunkDocument } from './chunk-document.js';
import { countTokens } from './tokens.js';

const textDocument = (text: string): ParsedDocument => ({
  type: 'text',
  sections: [{ text, headingPath: [], kind: 'text' }],
});
const squash = (text: string) => text.replace(/\s+/g, '');

/** The invariants every chunking must keep, whatever the input. */
function expectSound(chunks: Chunk[], maxTokens: number): void {
  expect(chunks.length).toBeGreaterThan(0);
  chunks.forEach((chunk, index) => {
    expect(chunk.position).toBe(index);
    expect(chunk.content.trim()).toBe(chunk.content);
    expect(chunk.content).not.toBe('');
    expect(chunk.tokens).toBe(countTokens(chunk.content));
    expect(chunk.tokens).toBeLessThanOrEqual(maxTokens);
  });
}

/** Length of the longest start of `next` that `previous` ends with: the overlap between them. */
function overlapOf(previous: string, next: string): number {
  for (let length = Math.min(previous.length, next.length); length > 0; length -= 1) {
    if (previous.endsWith(next.slice(0, length))) return length;
  }
  return 0;
}

/** The chunks put back together without their overlaps. */
const reassemble = (chunks: Chunk[]) =>
  chunks
    .map((chunk, index) =>
      index === 0
        ? chunk.content
        : chunk.content.slice(overlapOf((chunks[index - 1] as Chunk).content, chunk.content)),
    )
    .join('');

function expectOverlapping(chunks: Chunk[], overlapTokens: number): void {
  for (let index = 1; index < chunks.length; index += 1) {
    const shared = (chunks[index] as Chunk).content.slice(
      0,
      overlapOf((chunks[index - 1] as Chunk).content, (chunks[index] as Chunk).content),
    );
    expect(shared.trim()).not.toBe('');
    expect(countTokens(shared)).toBeLessThanOrEqual(overlapTokens + 2);
  }
}

const english = Array.from(
  { length: 400 },
  (_, index) => `Sentence ${index} explains topic ${index % 7} with a few more words.`,
)
  .reduce((text, sentence, index) => text + sentence + (index % 9 === 8 ? '\n\n' : ' '), '')
  .trim();
/** Deterministic text that never repeats itself, so that an overlap found between two chunks is the real one. */
function noise(alphabet: string, length: number): string {
  let seed = 42;
  return Array.from({ length }, () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return alphabet[(seed >> 8) % alphabet.length];
  }).join('');
}

const chinese = Array.from(
  { length: 300 },
  (_, index) => `第${index}条规定员工应当按时提交报销单据，逾期不予受理。`,
).join('');

describe('chunkDocument: budget, overlap and order', () => {
  it.each([
    ['long English', english, 128, 20],
    ['long Chinese without spaces', chinese, 100, 16],
    [
      'Chinese without any punctuation',
      noise('知识库服务需要把文档切分成合适大小的片段以便检索员工报销规定', 4000),
      64,
      10,
    ],
    ['a single 5000-character word', noise('abcdefghijklmnopqrstuvwxyz0123456789', 5000), 64, 10],
  ])(
    '%s: every chunk within budget, each opening with the end of the one before, nothing lost',
    (_, text, maxTokens, overlapTokens) => {
      const chunks = chunkDocument(textDocument(text), { mode: 'recursive', maxTokens, overlapTokens });
      expectSound(chunks, maxTokens);
      expect(chunks.length).toBeGreaterThan(3);
      expectOverlapping(chunks, overlapTokens);
      expect(squash(reassemble(chunks))).toBe(squash(text));
    },
  );

  it('cuts English at sentence ends rather than inside sentences, and fills chunks', () => {
    const chunks = chunkDocument(textDocument(english), {
      mode: 'recursive',
      maxTokens: 128,
      overlapTokens: 0,
    });
    for (const chunk of chunks) expect(chunk.content).toMatch(/^Sentence \d+[\s\S]*\.$/);
    const average = chunks.reduce((sum, chunk) => sum + chunk.tokens, 0) / chunks.length;
    expect(average).toBeGreaterThan(100);
  });

  it('defaults to 512 tokens with 64 of overlap', () => {
    const chunks = chunkDocument(textDocument(english), { mode: 'recursive' });
    expectSound(chunks, 512);
    expect(Math.max(...chunks.map((chunk) => chunk.tokens))).toBeGreaterThan(400);
    expectOverlapping(chunks, 64);
  });
});

describe('chunkDocument: structure carried', () => {
  it('carries pages: the first and last page each chunk covers', async () => {
    const pages = Array.from({ length: 6 }, (_, page) =>
      Array.from(
        { length: 12 },
        (_, line) => `Page ${page + 1} line ${line + 1} says something worth finding on page ${page + 1}.`,
      ),
    );
    const parsed = await parseDocument(writePdf({ pages }));
    for (const maxTokens of [64, 400]) {
      const chunks = chunkDocument(parsed, { mode: 'recursive', maxTokens, overlapTokens: 8 });
      expectSound(chunks, maxTokens);
      for (const chunk of chunks) {
        const cited = [...chunk.content.matchAll(/[Pp]age (\d+)/g)].map((match) => Number(match[1]));
        expect(chunk.page).toBe(Math.min(...cited));
        expect(chunk.pageEnd).toBe(Math.max(...cited));
      }
      if (maxTokens === 400)
        expect(chunks.some((chunk) => (chunk.pageEnd as number) > (chunk.page as number))).toBe(true);
    }
  });

  const handbook = [
    '# Handbook',
    'Welcome to the handbook.',
    '## Install',
    'Pick your system.',
    '### Linux',
    'Use apt.',
    '### Mac',
    'Use brew.',
    '## Usage',
    Array.from({ length: 60 }, (_, index) => `Usage rule ${index} must be followed at all times.`).join(' '),
    '# Appendix',
    'Nothing here.',
  ].join('\n\n');

  it('heading mode: one chunk per heading with its full path, long ones split, small ones never merged', async () => {
    const parsed = await parseDocument(new TextEncoder().encode(handbook), { name: 'handbook.md' });
    const chunks = chunkDocument(parsed, { mode: 'heading', maxTokens: 120, overlapTokens: 10 });
    expectSound(chunks, 120);
    const small = chunks.filter((chunk) => chunk.headingPath.at(-1) !== 'Usage');
    expect(small.map((chunk) => [chunk.headingPath.join(' / '), chunk.content])).toEqual([
      ['Handbook', 'Welcome to the handbook.'],
      ['Handbook / Install', 'Pick your system.'],
      ['Handbook / Install / Linux', 'Use apt.'],
      ['Handbook / Install / Mac', 'Use brew.'],
      ['Appendix', 'Nothing here.'],
    ]);
    expect(
      chunks.filter((chunk) => chunk.headingPath.join(' / ') === 'Handbook / Usage').length,
    ).toBeGreaterThan(2);
  });

  it('recursive mode: joins small sections under a shared heading, naming their subheadings in the text', async () => {
    const parsed = await parseDocument(new TextEncoder().encode(handbook), { name: 'handbook.md' });
    const chunks = chunkDocument(parsed, { mode: 'recursive', maxTokens: 120, overlapTokens: 10 });
    expectSound(chunks, 120);
    expect(chunks[0]).toMatchObject({
      headingPath: ['Handbook'],
      content: expect.stringContaining(
        'Welcome to the handbook.\n\nInstall\n\nPick your system.\n\nInstall > Linux\n\nUse apt.\n\nInstall > Mac\n\nUse brew.',
      ),
    });
    // Chunks inside one subsection keep its full path; nothing of Appendix is joined to Handbook.
    expect(chunks.some((chunk) => chunk.headingPath.join(' / ') === 'Handbook / Usage')).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ headingPath: ['Appendix'], content: 'Nothing here.' });
    expect(chunks.filter((chunk) => chunk.content.includes('Nothing here.'))).toHaveLength(1);
  });

  it('keeps table rows whole and never repeats one as overlap', () => {
    const rows = Array.from(
      { length: 200 },
      (_, index) => `Product: item ${index}; Price: ${index * 3}; Stock: ${index % 17}`,
    );
    const long = `Product: giant; Notes: ${'very long note '.repeat(120)}`;
    const sections: Section[] = [
      { text: 'Intro paragraph before the table.', headingPath: ['Stock'], kind: 'text' },
      {
        text: [...rows.slice(0, 100), long, ...rows.slice(100)].join('\n'),
        headingPath: ['Stock'],
        kind: 'table',
      },
    ];
    const chunks = chunkDocument(
      { type: 'csv', sections },
      { mode: 'recursive', maxTokens: 64, overlapTokens: 16 },
    );
    expectSound(chunks, 64);
    const seen = chunks
      .flatMap((chunk) => chunk.content.split('\n'))
      .filter((line) => line.startsWith('Product: item'));
    expect(seen).toEqual(rows);
    // The one row over budget is the only one cut.
    expect(chunks.filter((chunk) => chunk.content.includes('very long note')).length).toBeGreaterThan(1);
  });
});

describe('chunkDocument: separator mode and options', () => {
  it('cuts at the separator, each piece fitted to the budget, dropping empty pieces', () => {
    const text = `First part.\n---\nSecond part.\n---\n\n---\n${Array.from({ length: 80 }, (_, index) => `Long part sentence ${index}.`).join(' ')}`;
    const chunks = chunkDocument(textDocument(text), {
      mode: 'separator',
      separator: '\n---\n',
      maxTokens: 64,
      overlapTokens: 0,
    });
    expectSound(chunks, 64);
    expect(chunks.slice(0, 2).map((chunk) => chunk.content)).toEqual(['First part.', 'Second part.']);
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks) expect(chunk.content).not.toContain('---');
  });

  it.each<[string, ChunkOptions]>([
    ['an overlap as large as the budget', { mode: 'recursive', maxTokens: 100, overlapTokens: 100 }],
    ['a budget below 16 tokens', { mode: 'heading', maxTokens: 8, overlapTokens: 0 }],
    ['separator mode without a separator', { mode: 'separator' }],
    ['an unknown mode', { mode: 'sentences' as ChunkOptions['mode'] }],
  ])('refuses %s', (_, options) => {
    expect(() => chunkDocument(textDocument('text'), options)).toThrow(RangeError);
  });

  it('scales the default overlap down for small budgets', () => {
    const chunks = chunkDocument(textDocument(english), { mode: 'recursive', maxTokens: 32 });
    expectSound(chunks, 32);
    expectOverlapping(chunks, 8);
  });
});
