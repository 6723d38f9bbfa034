import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DocumentError } from '../errors.js';
import { writeDocx, writeXlsx } from '../testing/office-writers.js';
import { writePdf } from '../testing/pdf-writer.js';
import { detectDocumentType } from './sniff.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

function refusal(bytes: Uint8Array, name?: string): DocumentError {
  try {
    detectDocumentType(bytes, name);
  } catch (error) {
    if (error instanceof DocumentError) return error;
    throw error;
  }
  throw new Error(`expected a refusal, got ${detectDocumentType(bytes, name)}`);
}

async function zipOf(files: Record<string, string>, mimeType?: string): Promise<Uint8Array> {
  const zip = new JSZip();
  if (mimeType !== undefined) zip.file('mimetype', mimeType, { compression: 'STORE' });
  for (const [path, content] of Object.entries(files)) zip.file(path, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('detectDocumentType: binary formats by content', () => {
  it('finds a PDF whatever it is called, even after leading bytes', () => {
    const pdf = writePdf({ pages: [['hello']] });
    expect(detectDocumentType(pdf, 'notes.txt')).toBe('pdf');
    expect(detectDocumentType(new Uint8Array([...utf8('junk\n'), ...pdf]), 'scan.docx')).toBe('pdf');
  });

  it('tells Word from Excel by the entries of the archive, not by the name', async () => {
    expect(detectDocumentType(await writeDocx([{ paragraph: 'hi' }]), 'sheet.xlsx')).toBe('docx');
    expect(detectDocumentType(await writeXlsx([{ name: 'S', rows: [['a']] }]), 'letter.docx')).toBe('xlsx');
  });

  it('refuses other archives, naming what they are', async () => {
    expect(refusal(await zipOf({ 'readme.txt': 'hi' }), 'report.docx').message).toContain(
      'a ZIP archive that is not a Word or Excel document',
    );
    expect(refusal(await zipOf({ 'ppt/presentation.xml': '<p/>' })).message).toContain('PowerPoint');
    const odt = refusal(await zipOf({ 'content.xml': '<x/>' }, 'application/vnd.oasis.opendocument.text'));
    expect(odt.message).toContain('OpenDocument text');
    expect(odt.code).toBe('unsupported_type');
  });

  it('says a cut-off archive is damaged rather than of the wrong kind', async () => {
    const docx = await writeDocx([{ paragraph: 'x'.repeat(5000) }]);
    const error = refusal(docx.slice(0, 40));
    expect(error.code).toBe('unreadable');
    expect(error.message).toContain('damaged or incomplete ZIP archive');
  });

  it.each([
    ['a PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]],
    ['a JPEG image', [0xff, 0xd8, 0xff, 0xe0, 0, 16]],
    ['a GIF image', [...utf8('GIF89a'), 1, 0]],
    ['an executable program', [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]],
    ['a Windows program', [...utf8('MZ'), 0x90, 0, 3, 0]],
    ['a gzip archive', [0x1f, 0x8b, 8, 0]],
    ['a legacy Office document', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]],
    ['an RTF document', [...utf8('{\\rtf1\\ansi hello}')]],
  ])('refuses %s', (found, bytes) => {
    const error = refusal(Uint8Array.from(bytes), 'file.txt');
    expect(error.code).toBe('unsupported_type');
    expect(error.message).toContain(found);
  });

  it('refuses binary data named .txt: NUL bytes, or bytes that are no text encoding', () => {
    expect(refusal(Uint8Array.from([0x68, 0x69, 0x00, 0x01, 0x02]), 'notes.txt').message).toContain(
      'binary data',
    );
    let seed = 7;
    const noise = Uint8Array.from({ length: 4096 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return ((seed >> 16) % 255) + 1; // never 0: the control characters alone must give it away
    });
    expect(refusal(noise, 'notes.txt').message).toContain('binary data');
  });

  it('refuses an SVG image although it is text', () => {
    expect(
      refusal(utf8('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>')).message,
    ).toContain('SVG');
  });
});

describe('detectDocumentType: text', () => {
  it('reads a page as HTML whatever its name, after white space and comments', () => {
    expect(
      detectDocumentType(utf8('\n  <!-- saved --><!DOCTYPE html><html><body>x</body></html>'), 'page.md'),
    ).toBe('html');
    expect(detectDocumentType(utf8('<html lang="en"><p>x</p></html>'), 'page.txt')).toBe('html');
    expect(detectDocumentType(utf8('\ufeff<!doctype HTML><title>t</title>'))).toBe('html');
  });

  it('lets the extension choose among text types only', () => {
    const markdown = utf8('# Title\n\nText, with commas\nmore, text\n');
    expect(detectDocumentType(markdown, 'notes.md')).toBe('markdown');
    expect(detectDocumentType(markdown, 'notes.txt')).toBe('text');
    expect(detectDocumentType(utf8('just words'), 'data.csv')).toBe('csv');
    expect(detectDocumentType(utf8('<p>fragment</p>'), 'frag.htm')).toBe('html');
  });

  it('decides by content without a name: HTML fragment, Markdown headings, a consistent CSV table, else text', () => {
    expect(detectDocumentType(utf8('<div class="a"><p>Hello</p></div>'))).toBe('html');
    expect(detectDocumentType(utf8('Intro\n\n## Setup\n\nRun it.'))).toBe('markdown');
    expect(detectDocumentType(utf8('name,note\n"Tea","hot, with\nmilk"\nCoffee,black\n'))).toBe('csv');
    expect(detectDocumentType(utf8('a;b;c\n1;2;3\n4;5;6\n'))).toBe('csv');
    expect(
      detectDocumentType(utf8('Hello, world. This line has a comma.\nThis one, two of them, see.')),
    ).toBe('text');
    expect(detectDocumentType(utf8('A single line of prose, with a comma.'))).toBe('text');
  });

  it('takes UTF-16 with a byte order mark, and GB18030 (GBK) Chinese text', () => {
    const text = '你好, world\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    expect(detectDocumentType(le)).toBe('text');
    expect(detectDocumentType(be, 'notes.md')).toBe('markdown');
    // 你好，世界 in GBK
    expect(
      detectDocumentType(Uint8Array.from([0xc4, 0xe3, 0xba, 0xc3, 0xa3, 0xac, 0xca, 0xc0, 0xbd, 0xe7])),
    ).toBe('text');
  });
});
