import { describe, expect, it } from 'vitest';
import { DocumentError } from '../errors.js';
import { writeDocx, writeXlsx } from '../testing/office-writers.js';
import { writePdf } from '../testing/pdf-writer.js';
import { parseDocument } from './parse-document.js';

async function failure(promise: Promise<unknown>): Promise<DocumentError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DocumentError);
  return error as DocumentError;
}

describe('parseDocument: errors a user can act on', () => {
  it('refuses a file over maxBytes, saying the limit', async () => {
    const error = await failure(
      parseDocument(new Uint8Array(3 * 2 ** 20).fill(0x61), { maxBytes: 2 * 2 ** 20 }),
    );
    expect(error.code).toBe('too_large');
    expect(error.message).toBe('This file is 3 MB; the limit is 2 MB (2097152 bytes).');
  });

  it('refuses a Word file whose entries claim to unpack to more than 512 MB (a zip bomb)', async () => {
    const docx = await writeDocx([{ paragraph: 'tiny' }]);
    const entry = Buffer.from(docx).indexOf('PK\x01\x02', 0, 'latin1');
    new DataView(docx.buffer, docx.byteOffset).setUint32(entry + 24, 0xfffffff0, true);
    expect(await failure(parseDocument(docx))).toMatchObject({
      code: 'too_large',
      message: 'This file unpacks to 4096 MB; the limit is 512 MB.',
    });
  });

  it('says a damaged PDF is unreadable, never crashes', async () => {
    const pdf = writePdf({ pages: [['some text'], ['more text']] });
    for (const damaged of [
      new TextEncoder().encode('%PDF-1.7\nnothing else'),
      pdf.slice(0, pdf.length / 2),
    ]) {
      const error = await failure(parseDocument(damaged));
      expect(error).toMatchObject({
        code: 'unreadable',
        message: 'This PDF could not be read: the file is damaged or is not a valid PDF.',
      });
    }
  });

  it('says a password-protected PDF cannot be read', async () => {
    const error = await failure(parseDocument(writePdf({ pages: [['secret']], passwordProtected: true })));
    expect(error).toMatchObject({
      code: 'unreadable',
      message: 'This PDF could not be read: it is protected by a password.',
    });
  });

  it('says a truncated or corrupt Word or Excel file is unreadable, naming its type', async () => {
    const docx = await writeDocx([{ heading: 1, text: 'Title' }, { paragraph: 'Body' }]);
    const xlsx = await writeXlsx([{ name: 'S', rows: [['a'], [1]] }]);
    expect(await failure(parseDocument(docx.slice(0, docx.length - 60)))).toMatchObject({
      code: 'unreadable',
      message: expect.stringContaining('Word document'),
    });
    expect(await failure(parseDocument(xlsx.slice(0, xlsx.length - 60)))).toMatchObject({
      code: 'unreadable',
      message: expect.stringContaining('Excel workbook'),
    });
    const scrambled = docx.slice();
    scrambled.fill(0x41, 200, 600);
    expect((await failure(parseDocument(scrambled))).code).toBe('unreadable');
  });

  it('says when there is no text', async () => {
    expect(await failure(parseDocument(new Uint8Array()))).toMatchObject({
      code: 'empty',
      message: 'This file is empty.',
    });
    expect(
      await failure(parseDocument(new TextEncoder().encode(' \n\n\t'), { name: 'a.txt' })),
    ).toMatchObject({ code: 'empty', message: 'This text file contains no text.' });
    expect((await failure(parseDocument(await writeDocx([])))).code).toBe('empty');
  });

  it('refuses what is not a document', async () => {
    expect(
      await failure(
        parseDocument(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), {
          name: 'photo.txt',
        }),
      ),
    ).toMatchObject({
      code: 'unsupported_type',
      message: expect.stringContaining('a PNG image'),
    });
  });
});
