import type { ChunkMode, Section } from '../types.js';

/** Where a section (or the heading line introducing it) lies in its run's text. */
export interface Span {
  start: number;
  end: number;
  section: Section;
  heading: boolean;
}

/** Consecutive sections joined into one text (blank lines between them), which chunks are cut from. */
export interface Run {
  text: string;
  spans: Span[];
}

export function commonPath(first: string[], second: string[]): string[] {
  const length = first.findIndex((heading, index) => heading !== second[index]);
  return first.slice(0, length < 0 ? Math.min(first.length, second.length) : length);
}

const samePath = (first: string[], second: string[]) =>
  first.length === second.length && commonPath(first, second).length === first.length;

/**
 * The sections one run may hold. Heading and separator modes: the same heading path (a heading's text and tables,
 * the pages of a PDF without headings). Recursive mode also joins sections that share at least their outermost
 * heading, so that a page of small subsections fills chunks instead of leaving a chunk per subsection.
 */
function belongs(runPath: string[], section: Section, mode: ChunkMode): boolean {
  if (samePath(runPath, section.headingPath)) return true;
  return mode === 'recursive' && commonPath(runPath, section.headingPath).length > 0;
}

/**
 * Joins sections; when their paths differ (recursive mode), each section is introduced by a line naming its
 * headings below the run's common path ("Install > Linux"), since a chunk only keeps the common path.
 */
function assemble(sections: Section[]): Run {
  const base = sections.map((section) => section.headingPath).reduce(commonPath);
  let text = '';
  const spans: Span[] = [];
  const append = (part: string, section: Section, heading: boolean) => {
    if (text !== '') text += '\n\n';
    spans.push({ start: text.length, end: text.length + part.length, section, heading });
    text += part;
  };
  let previous = base;
  for (const section of sections) {
    const below = section.headingPath.slice(base.length);
    if (below.length > 0 && !samePath(section.headingPath, previous))
      append(below.join(' > '), section, true);
    append(section.text, section, false);
    previous = section.headingPath;
  }
  return { text, spans };
}

export function buildRuns(sections: Section[], mode: ChunkMode): Run[] {
  const groups: Section[][] = [];
  let runPath: string[] = [];
  for (const section of sections) {
    const current = groups.at(-1);
    if (current !== undefined && belongs(runPath, section, mode)) {
      current.push(section);
      runPath = commonPath(runPath, section.headingPath);
    } else {
      groups.push([section]);
      runPath = section.headingPath;
    }
  }
  return groups.map(assemble);
}

/** The span holding `offset` (or the last one before it, for the blank lines between spans). */
export function spanAt(run: Run, offset: number): Span {
  let low = 0;
  let high = run.spans.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((run.spans[middle] as Span).start <= offset) low = middle;
    else high = middle - 1;
  }
  return run.spans[low] as Span;
}
