/**
 * Writes a small valid PDF (1.4) whose pages hold lines of text in the standard Type 1 Helvetica font, for tests
 * and benchmarks: real PDFs are binary files we would rather not commit, and this is enough for pdf.js to extract.
 */
export interface PdfFixture {
  /** One entry per page: the lines printed on it, top to bottom. WinAnsi (Latin-1) characters only. */
  pages: string[][];
  /** Written to the document information dictionary. */
  title?: string;
  /** Adds a standard security handler whose password is not empty, as a password-protected PDF has. */
  passwordProtected?: boolean;
}

/** RC4 40-bit security handler entries that no empty user password matches. */
const LOCKED = `/Filter /Standard /V 1 /R 2 /P -44 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}>`;

/** Escapes a PDF literal string; characters outside Latin-1 become "?" as Helvetica cannot show them. */
function literal(text: string): string {
  const escaped = text.replace(/[\\()]/g, (character) => `\\${character}`);
  return `(${escaped.replace(/[^\x20-\xff]/g, '?')})`;
}

function pageContent(lines: string[]): string {
  const shown = lines.map((line, index) => `${index === 0 ? '' : 'T* '}${literal(line)} Tj`).join('\n');
  return `BT\n/F1 11 Tf\n14 TL\n56 780 Td\n${shown}\nET`;
}

export function writePdf(fixture: PdfFixture): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  const pageCount = fixture.pages.length;
  // 1 catalog, 2 page tree, 3 font, 4 info, [5 encryption], then a page and its content stream for each page.
  const firstPage = fixture.passwordProtected === true ? 6 : 5;
  const pageId = (index: number) => firstPage + index * 2;
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(
    `<< /Type /Pages /Kids [${fixture.pages.map((_, index) => `${pageId(index)} 0 R`).join(' ')}] /Count ${pageCount} >>`,
  );
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  add(
    `<< /Producer (docparse test writer)${fixture.title === undefined ? '' : ` /Title ${literal(fixture.title)}`} >>`,
  );
  if (fixture.passwordProtected === true) add(`<< ${LOCKED} >>`);
  fixture.pages.forEach((lines, index) => {
    const content = pageContent(lines);
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageId(index) + 1} 0 R >>`,
    );
    add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
  });

  let output = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(output, 'latin1'));
    output += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(output, 'latin1');
  output += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  output += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  const encryption =
    fixture.passwordProtected === true
      ? ` /Encrypt 5 0 R /ID [<${'0f'.repeat(16)}> <${'0f'.repeat(16)}>]`
      : '';
  output += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R${encryption} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Uint8Array.from(Buffer.from(output, 'latin1'));
}
