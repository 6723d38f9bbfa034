import type { DomNode, FormatCallback } from 'html-to-text';
import type { ParsedDocument } from '../types.js';
import { SectionCollector } from './sections.js';

// html-to-text renders the text; headings and table rows are tagged in its output with these two private-use
// characters (removed from the input first) so that the sections can be cut afterwards.
const HEADING = '\ue000';
const ROW = '\ue001';
const MARKERS = /[\ue000\ue001]/g;
const HEADING_LINE = /\ue000(\d)\ue000(.*)$/;

const SKIPPED = [
  'head',
  'title',
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'footer',
  'svg',
  'iframe',
  'object',
  'img',
];

const tags = (nodes: DomNode[], ...names: string[]) =>
  nodes.filter((node) => node.type === 'tag' && names.includes(node.name ?? ''));

/** Header rows first (thead), then the body, then the footer, whatever order the source has them in. */
function tableRows(table: DomNode): DomNode[] {
  const part = (name: string) =>
    tags(table.children, name).flatMap((section) => tags(section.children, 'tr'));
  return [
    ...part('thead'),
    ...tags(table.children, 'tr', 'tbody').flatMap((node) =>
      node.name === 'tr' ? [node] : tags(node.children, 'tr'),
    ),
    ...part('tfoot'),
  ];
}

const oneLine = (text: string) => text.replace(MARKERS, '').replace(/\s+/g, ' ').trim();

const formatTable: FormatCallback = (table, walk, builder) => {
  builder.openTable();
  for (const row of tableRows(table)) {
    builder.openTableRow();
    for (const cell of tags(row.children, 'th', 'td')) {
      builder.openTableCell();
      walk(cell.children, builder);
      builder.closeTableCell();
    }
    builder.closeTableRow();
  }
  builder.closeTable({
    tableToString: (rows) =>
      rows
        .map((cells) => cells.map((cell) => oneLine(cell.text)))
        .filter((cells) => cells.some((cell) => cell !== ''))
        .map((cells) => `${ROW}${cells.join(' | ')}`)
        .join('\n'),
    leadingLineBreaks: 2,
    trailingLineBreaks: 2,
  });
};

const formatHeading: FormatCallback = (heading, walk, builder) => {
  builder.openBlock({ leadingLineBreaks: 2 });
  builder.addLiteral(`${HEADING}${heading.name?.slice(1)}${HEADING}`);
  walk(heading.children, builder);
  builder.closeBlock({ trailingLineBreaks: 2 });
};

/** html-to-text is loaded on first use: it takes a tenth of a second to import, and many callers never read HTML. */
async function loadConverters() {
  const { compile } = await import('html-to-text');
  return {
    toText: compile({
      wordwrap: false,
      limits: { maxInputLength: Number.MAX_SAFE_INTEGER },
      formatters: { docparseTable: formatTable, docparseHeading: formatHeading },
      selectors: [
        { selector: 'a', options: { ignoreHref: true } },
        { selector: 'ul', options: { itemPrefix: '- ' } },
        { selector: 'table', format: 'docparseTable' },
        ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, format: 'docparseHeading' })),
        ...SKIPPED.map((selector) => ({ selector, format: 'skip' })),
      ],
    }),
    plain: compile({ wordwrap: false }),
  };
}

let converters: ReturnType<typeof loadConverters> | undefined;

function titleOf(html: string, plain: (html: string) => string): string | undefined {
  const inner = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const title = inner === undefined ? '' : oneLine(plain(inner));
  return title === '' ? undefined : title;
}

/**
 * h1–h6 give the heading path; tables become one line per row, cells joined by " | ", header rows first;
 * scripts, styles, navigation and footers are dropped; links keep their text only. Also reads Word documents,
 * which mammoth turns into HTML.
 */
export async function parseHtml(html: string, type: 'html' | 'docx' = 'html'): Promise<ParsedDocument> {
  converters ??= loadConverters();
  const { toText, plain } = await converters;
  const text = toText(html.replace(MARKERS, ''));
  const collector = new SectionCollector();
  let firstHeading: string | undefined;
  let rows: string[] = [];
  const endTable = () => {
    if (rows.length > 0) collector.table(rows);
    rows = [];
  };
  for (const line of text.split('\n')) {
    const row = line.indexOf(ROW);
    if (row >= 0) {
      rows.push(line.slice(row + 1));
      continue;
    }
    endTable();
    const heading = HEADING_LINE.exec(line);
    const headingText = heading === null ? '' : oneLine(heading[2] as string);
    if (heading !== null && headingText !== '') {
      const level = Number(heading[1]);
      if (level === 1) firstHeading ??= headingText;
      collector.heading(level, headingText);
    } else collector.line(line.replace(MARKERS, ''));
  }
  endTable();
  const parsed: ParsedDocument = { type, sections: collector.finish() };
  const title = titleOf(html, plain) ?? firstHeading;
  if (title !== undefined) parsed.title = title;
  return parsed;
}
