import type { ParsedDocument } from '../types.js';
import { SectionCollector } from './sections.js';

const ATX_HEADING = /^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(={3,}|-{3,})[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const TABLE_DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/** Heading text without the inline markup that only decorates it: emphasis, code ticks, link targets. */
function plain(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|`)/g, '')
    .trim();
}

/** Lines of a YAML front matter block at the very start, kept as text rather than read as a setext heading. */
function frontMatterLength(lines: string[]): number {
  if (lines[0] !== '---') return 0;
  const end = lines.findIndex((line, index) => index > 0 && (line === '---' || line === '...'));
  return end < 0 ? 0 : end + 1;
}

/**
 * ATX and setext headings give the heading path; fenced code stays text (a "#" in it is no heading); a GFM table
 * (a row with pipes over a delimiter row) becomes a table section, kept as written.
 */
export function parseMarkdown(text: string): ParsedDocument {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const collector = new SectionCollector();
  let title: string | undefined;
  const addHeading = (level: number, text: string) => {
    if (level === 1) title ??= text;
    collector.heading(level, text);
  };
  let fence: string | undefined;
  let index = frontMatterLength(lines);
  lines.slice(0, index).forEach((line) => collector.line(line));
  // Consecutive plain text lines just above: a setext underline turns a one-line paragraph into a heading.
  let paragraphLines = 0;
  while (index < lines.length) {
    const line = lines[index] as string;
    index += 1;
    if (fence !== undefined) {
      collector.line(line);
      if (line.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    const fenceOpen = FENCE.exec(line);
    const heading = ATX_HEADING.exec(line);
    const underline = SETEXT_UNDERLINE.exec(line);
    const next = lines[index];
    if (fenceOpen !== null) {
      fence = fenceOpen[1];
      collector.line(line);
    } else if (heading !== null) {
      addHeading((heading[1] as string).length, plain(heading[2] as string));
    } else if (underline !== null && paragraphLines === 1) {
      addHeading(underline[1]?.startsWith('=') ? 1 : 2, plain(collector.takeLastLine() as string));
    } else if (
      line.includes('|') &&
      next !== undefined &&
      TABLE_DELIMITER_ROW.test(next) &&
      next.includes('|')
    ) {
      const rows = [line, next];
      index += 1;
      while (
        index < lines.length &&
        (lines[index] as string).includes('|') &&
        (lines[index] as string).trim() !== ''
      ) {
        rows.push(lines[index] as string);
        index += 1;
      }
      collector.table(rows);
    } else {
      collector.line(line);
      paragraphLines = line.trim() === '' ? 0 : paragraphLines + 1;
      continue;
    }
    paragraphLines = 0;
  }
  const parsed: ParsedDocument = { type: 'markdown', sections: collector.finish() };
  if (title !== undefined) parsed.title = title;
  return parsed;
}
