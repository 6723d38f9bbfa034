import { describe, expect, it } from 'vitest';
import { parseDocument } from './parse-document.js';

const parse = (text: string, name = 'doc.md') => parseDocument(new TextEncoder().encode(text), { name });

describe('parseDocument: Markdown', () => {
  it('gives each run of text the path of headings above it, and takes the first h1 as title', async () => {
    const parsed = await parse(
      '# Handbook\n\nWelcome.\n\n## Leave\n\nAsk **early**.\n\n### Sick leave\n\nCall in.\n\n## Travel\n\nBook ahead.\n',
    );
    expect(parsed.type).toBe('markdown');
    expect(parsed.title).toBe('Handbook');
    expect(parsed.sections.map((section) => [section.headingPath.join(' / '), section.text])).toEqual([
      ['Handbook', 'Welcome.'],
      ['Handbook / Leave', 'Ask **early**.'],
      ['Handbook / Leave / Sick leave', 'Call in.'],
      ['Handbook / Travel', 'Book ahead.'],
    ]);
  });

  it('keeps fenced code as text, so that a "#" in it is no heading', async () => {
    const parsed = await parse('## Build\n\n```sh\n# install first\nnpm ci\n```\n');
    expect(parsed.sections).toEqual([
      { text: '```sh\n# install first\nnpm ci\n```', headingPath: ['Build'], kind: 'text' },
    ]);
  });

  it('keeps a pipe table as its own table section, as written', async () => {
    const table = '| Plan | Price |\n|------|------:|\n| Basic | 10 |\n| Pro | 30 |';
    const parsed = await parse(`## Prices\n\nOur plans:\n\n${table}\n\nPrices include tax.\n`);
    expect(parsed.sections).toEqual([
      { text: 'Our plans:', headingPath: ['Prices'], kind: 'text' },
      { text: table, headingPath: ['Prices'], kind: 'table' },
      { text: 'Prices include tax.', headingPath: ['Prices'], kind: 'text' },
    ]);
    // A line with a pipe over a dash line without pipes is no table: a thematic break, or a setext heading.
    expect((await parse('either | or\n\n---\n')).sections).toEqual([
      { text: 'either | or\n\n---', headingPath: [], kind: 'text' },
    ]);
    expect((await parse('either | or\n---\nmore')).sections).toEqual([
      { text: 'more', headingPath: ['either | or'], kind: 'text' },
    ]);
  });

  it('reads setext headings under a one-line paragraph, and leaves thematic breaks and front matter as text', async () => {
    const parsed = await parse(
      '---\ntitle: x\n---\nGuide\n=====\n\nFirst line\nsecond line\n---\n\nSetup\n-----\nRun [it](http://x).\n',
    );
    expect(parsed.title).toBe('Guide');
    expect(parsed.sections.map((section) => [section.headingPath, section.text])).toEqual([
      [[], '---\ntitle: x\n---'],
      [['Guide'], 'First line\nsecond line\n---'],
      [['Guide', 'Setup'], 'Run [it](http://x).'],
    ]);
  });

  it('strips inline markup from headings only', async () => {
    const parsed = await parse('## The **`run`** [command](#run) ##\n\nUse `run`.');
    expect(parsed.sections[0]).toMatchObject({ headingPath: ['The run command'], text: 'Use `run`.' });
  });
});
