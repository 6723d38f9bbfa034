import { describe, expect, it } from 'vitest';
import { writeXlsx } from '../testing/office-writers.js';
import { parseDocument } from './parse-document.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('parseDocument: Excel', () => {
  it('gives one table section per sheet, one "Header: value" line per row, with formula results and dates', async () => {
    const xlsx = await writeXlsx([
      {
        name: 'Orders',
        rows: [
          ['Product', 'Quantity', 'Unit price', 'Total', 'Ordered', 'Share'],
          ['Green tea', 2, 1.1, { formula: 'B2*C2', result: 2.2 }, new Date(Date.UTC(2024, 0, 15)), 0.25],
          ['Coffee', 3, 2, { formula: 'B3*C3', result: 6 }, new Date(Date.UTC(2024, 1, 3, 14, 30)), null],
        ],
        numberFormats: { 6: '0%' },
      },
      {
        name: '说明',
        rows: [
          ['Key', 'Value'],
          ['note', 'first line\nsecond line'],
          [null, null],
          ['flag', true],
        ],
      },
    ]);
    const parsed = await parseDocument(xlsx, { name: 'orders.xlsx' });
    expect(parsed.type).toBe('xlsx');
    expect(parsed.sections).toEqual([
      {
        text:
          'Product: Green tea; Quantity: 2; Unit price: 1.1; Total: 2.2; Ordered: 2024-01-15; Share: 25%\n' +
          'Product: Coffee; Quantity: 3; Unit price: 2; Total: 6; Ordered: 2024-02-03 14:30',
        headingPath: ['Orders'],
        kind: 'table',
      },
      {
        text: 'Key: note; Value: first line second line\nKey: flag; Value: TRUE',
        headingPath: ['说明'],
        kind: 'table',
      },
    ]);
  });

  it('shows a date computed by a formula as a date, as Excel does', async () => {
    const xlsx = await writeXlsx([
      {
        name: 'S',
        rows: [['Due'], [{ formula: 'DATE(2024,3,1)', result: 45352 }]],
        numberFormats: { 1: 'yyyy-mm-dd' },
      },
    ]);
    expect((await parseDocument(xlsx)).sections[0]?.text).toBe('Due: 2024-03-01');
  });
});

describe('parseDocument: CSV', () => {
  it('reads quoted fields holding commas, quotes and line breaks; names columns by the header', async () => {
    const csv = 'name,comment,price\r\n"Smith, John","said ""hi""\nand left",10\r\nDoe,,5\r\n';
    const parsed = await parseDocument(utf8(csv), { name: 'people.csv' });
    expect(parsed).toEqual({
      type: 'csv',
      sections: [
        {
          text: 'name: Smith, John; comment: said "hi" and left; price: 10\nname: Doe; price: 5',
          headingPath: ['people'],
          kind: 'table',
        },
      ],
    });
  });

  it('finds tab and semicolon delimiters and names unnamed columns', async () => {
    const parsed = await parseDocument(utf8('城市;;人口\n北京;x;2189\n上海;y;2487\n'));
    expect(parsed.sections).toEqual([
      {
        text: '城市: 北京; Column 2: x; 人口: 2189\n城市: 上海; Column 2: y; 人口: 2487',
        headingPath: [],
        kind: 'table',
      },
    ]);
    expect((await parseDocument(utf8('a\tb\n1\t2\n'), { name: 'x.tsv' })).sections[0]?.text).toBe(
      'a: 1; b: 2',
    );
  });
});

describe('parseDocument: text', () => {
  it('keeps paragraphs of Chinese text in one section, without BOM or carriage returns', async () => {
    const text =
      '\ufeff第一章 总则\r\n\r\n为了规范公司管理，制定本制度。\r\n本制度适用于全体员工。\r\n\r\n\r\n\r\n第二章 附则';
    const parsed = await parseDocument(utf8(text), { name: '制度.txt' });
    expect(parsed).toEqual({
      type: 'text',
      sections: [
        {
          text: '第一章 总则\n\n为了规范公司管理，制定本制度。\n本制度适用于全体员工。\n\n第二章 附则',
          headingPath: [],
          kind: 'text',
        },
      ],
    });
  });

  it('converts UTF-16 and GB18030 text', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('你好，世界', 'utf16le')]);
    expect((await parseDocument(le)).sections[0]?.text).toBe('你好，世界');
    const gbk = Uint8Array.from([0xc4, 0xe3, 0xba, 0xc3, 0xa3, 0xac, 0xca, 0xc0, 0xbd, 0xe7]);
    expect((await parseDocument(gbk, { name: 'a.txt' })).sections[0]?.text).toBe('你好，世界');
  });
});
