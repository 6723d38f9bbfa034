import { describe, expect, it } from 'vitest';
import { writePdf } from '../testing/pdf-writer.js';
import { parseDocument } from './parse-document.js';

describe('parseDocument: PDF', () => {
  it('gives the text of every page with its 1-based page number, the page count and the title', async () => {
    const pdf = writePdf({
      title: 'Annual report',
      pages: [
        ['Revenue grew by 12 percent.', 'Costs fell.'],
        ['Outlook for (next) year: stable.'],
        ['Appendix A'],
      ],
    });
    const parsed = await parseDocument(pdf, { name: 'report.pdf' });
    expect(parsed).toEqual({
      type: 'pdf',
      title: 'Annual report',
      pageCount: 3,
      sections: [
        { text: 'Revenue grew by 12 percent.\nCosts fell.', headingPath: [], page: 1, kind: 'text' },
        { text: 'Outlook for (next) year: stable.', headingPath: [], page: 2, kind: 'text' },
        { text: 'Appendix A', headingPath: [], page: 3, kind: 'text' },
      ],
    });
  });

  it('joins words hyphenated across a line break and marks paragraph gaps with a blank line', async () => {
    const pdf = writePdf({
      pages: [
        ['The committee reviewed the infor-', 'mation in detail.', '', 'A new paragraph, well-known facts.'],
      ],
    });
    const [section] = (await parseDocument(pdf)).sections;
    expect(section?.text).toBe(
      'The committee reviewed the information in detail.\n\nA new paragraph, well-known facts.',
    );
  });

  it('leaves out pages without text but counts them', async () => {
    const parsed = await parseDocument(writePdf({ pages: [['first'], [], ['third']] }));
    expect(parsed.pageCount).toBe(3);
    expect(parsed.sections.map((section) => section.page)).toEqual([1, 3]);
  });

  it('refuses more pages than maxPages before reading them', async () => {
    const pdf = writePdf({ pages: Array.from({ length: 5 }, (_, index) => [`page ${index + 1}`]) });
    await expect(parseDocument(pdf, { maxPages: 4 })).rejects.toMatchObject({
      code: 'too_large',
      message: expect.stringContaining('5 pages; the limit is 4 pages'),
    });
    await expect(parseDocument(pdf, { maxPages: 5 })).resolves.toMatchObject({ pageCount: 5 });
  });

  it('says a PDF without any text needs OCR', async () => {
    await expect(parseDocument(writePdf({ pages: [[], []] }))).rejects.toMatchObject({
      code: 'empty',
      message: expect.stringContaining('OCR'),
    });
  });
});
