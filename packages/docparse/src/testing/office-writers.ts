import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/** A block of a generated Word document. */
export type DocxBlock =
  { heading: 1 | 2 | 3; text: string } | { paragraph: string } | { table: string[][]; headerRow?: boolean };

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function paragraph(text: string, style?: string): string {
  const properties = style === undefined ? '' : `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>`;
  return `<w:p>${properties}<w:r><w:t xml:space="preserve">${xmlText(text)}</w:t></w:r></w:p>`;
}

function table(rows: string[][], headerRow: boolean): string {
  const body = rows
    .map((cells, index) => {
      const rowProperties = headerRow && index === 0 ? '<w:trPr><w:tblHeader/></w:trPr>' : '';
      return `<w:tr>${rowProperties}${cells.map((cell) => `<w:tc>${paragraph(cell)}</w:tc>`).join('')}</w:tr>`;
    })
    .join('');
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>${body}</w:tbl>`;
}

function block(item: DocxBlock): string {
  if ('heading' in item) return paragraph(item.text, `Heading${item.heading}`);
  if ('paragraph' in item) return paragraph(item.paragraph);
  return table(item.table, item.headerRow ?? true);
}

const WORD_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function styles(): string {
  const heading = (level: number) =>
    `<w:style w:type="paragraph" w:styleId="Heading${level}"><w:name w:val="heading ${level}"/><w:basedOn w:val="Normal"/></w:style>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${WORD_NS}"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>${[1, 2, 3].map(heading).join('')}</w:styles>`;
}

/** Builds a minimal .docx (the parts Word itself needs) with headings, paragraphs and tables. */
export async function writeDocx(blocks: DocxBlock[]): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/_rels/document.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
  );
  zip.file('word/styles.xml', styles());
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${WORD_NS}"><w:body>${blocks.map(block).join('')}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'uint8array' });
}

/** One worksheet of a generated workbook: rows of cell values as ExcelJS takes them (formulas as `{ formula, result }`). */
export interface XlsxSheet {
  name: string;
  rows: ExcelJS.CellValue[][];
  /** Number formats by 1-based column, e.g. `{ 3: 'yyyy-mm-dd' }`. */
  numberFormats?: Record<number, string>;
}

export async function writeXlsx(sheets: XlsxSheet[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    for (const row of sheet.rows) worksheet.addRow(row);
    for (const [column, format] of Object.entries(sheet.numberFormats ?? {}))
      worksheet.getColumn(Number(column)).numFmt = format;
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
