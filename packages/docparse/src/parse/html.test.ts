import { describe, expect, it } from 'vitest';
import { writeDocx } from '../testing/office-writers.js';
import { parseDocument } from './parse-document.js';

const page = `<!DOCTYPE html>
<html><head><title>Staff &amp; Guide</title><style>p { color: red }</style><script>var secret = 1;</script></head>
<body>
  <nav><a href="/">Home</a> | <a href="/about">About</a></nav>
  <h1>Guide</h1>
  <p>Read the <a href="https://example.com/policy">leave policy</a> first.</p>
  <h2>Prices</h2>
  <table>
    <tbody><tr><td>Tea</td><td>3</td></tr><tr><td>Coffee</td><td>4</td></tr></tbody>
    <thead><tr><th>Item</th><th>Price</th></tr></thead>
  </table>
  <h3>Notes</h3>
  <ul><li>one</li><li>two</li></ul>
  <h2>Contact</h2>
  <p>Write to us.</p>
  <footer>Copyright 2024</footer>
</body></html>`;

describe('parseDocument: HTML', () => {
  it('takes the title, heading paths and text, dropping navigation, footer, scripts and styles', async () => {
    const parsed = await parseDocument(new TextEncoder().encode(page), { name: 'guide.html' });
    expect(parsed.type).toBe('html');
    expect(parsed.title).toBe('Staff & Guide');
    expect(parsed.sections).toEqual([
      { text: 'Read the leave policy first.', headingPath: ['Guide'], kind: 'text' },
      { text: 'Item | Price\nTea | 3\nCoffee | 4', headingPath: ['Guide', 'Prices'], kind: 'table' },
      { text: '- one\n- two', headingPath: ['Guide', 'Prices', 'Notes'], kind: 'text' },
      { text: 'Write to us.', headingPath: ['Guide', 'Contact'], kind: 'text' },
    ]);
    const all = parsed.sections.map((section) => section.text).join('\n');
    for (const dropped of ['Home', 'Copyright', 'secret', 'color', 'example.com'])
      expect(all).not.toContain(dropped);
  });

  it('falls back to the first h1 for a title, and keeps a table cell on one line', async () => {
    const html =
      '<h1>Report</h1><table><tr><td>multi<br>line</td><td><p>a</p><p>b</p></td></tr><tr><td></td><td></td></tr></table>';
    const parsed = await parseDocument(new TextEncoder().encode(html));
    expect(parsed.title).toBe('Report');
    expect(parsed.sections).toEqual([{ text: 'multi line | a b', headingPath: ['Report'], kind: 'table' }]);
  });
});

describe('parseDocument: Word', () => {
  it('reads headings, paragraphs and tables through the HTML path', async () => {
    const docx = await writeDocx([
      { heading: 1, text: 'Employee handbook' },
      { paragraph: 'Welcome to the company.' },
      { heading: 2, text: 'Holidays' },
      { paragraph: 'Everyone gets 25 days.' },
      {
        table: [
          ['Year', 'Days'],
          ['2024', '25'],
          ['2025', '26'],
        ],
      },
      { heading: 2, text: '报销' },
      { paragraph: '请在月底前提交发票。' },
    ]);
    const parsed = await parseDocument(docx, { name: 'handbook.docx' });
    expect(parsed.type).toBe('docx');
    expect(parsed.title).toBe('Employee handbook');
    expect(parsed.sections).toEqual([
      { text: 'Welcome to the company.', headingPath: ['Employee handbook'], kind: 'text' },
      { text: 'Everyone gets 25 days.', headingPath: ['Employee handbook', 'Holidays'], kind: 'text' },
      {
        text: 'Year | Days\n2024 | 25\n2025 | 26',
        headingPath: ['Employee handbook', 'Holidays'],
        kind: 'table',
      },
      { text: '请在月底前提交发票。', headingPath: ['Employee handbook', '报销'], kind: 'text' },
    ]);
  });
});
