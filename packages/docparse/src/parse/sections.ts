import type { Section } from '../types.js';

/** Unix line breaks, no trailing spaces, at most one blank line in a row, no blank edges. */
export function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Builds sections from a document read top to bottom: text accumulates under the current headings, a heading
 * closes the text before it and replaces the headings at its level and below, a table is a section of its own.
 */
export class SectionCollector {
  readonly sections: Section[] = [];
  private readonly headings: { level: number; text: string }[] = [];
  private lines: string[] = [];

  heading(level: number, text: string): void {
    this.flush();
    while ((this.headings.at(-1)?.level ?? 0) >= level) this.headings.pop();
    this.headings.push({ level, text });
  }

  line(text: string): void {
    this.lines.push(text);
  }

  /** Takes back the last text line (a Markdown setext heading is only known on the line after). */
  takeLastLine(): string | undefined {
    return this.lines.pop();
  }

  table(rows: string[]): void {
    this.flush();
    this.push(rows.join('\n'), 'table');
  }

  finish(): Section[] {
    this.flush();
    return this.sections;
  }

  private flush(): void {
    this.push(this.lines.join('\n'), 'text');
    this.lines = [];
  }

  private push(text: string, kind: Section['kind']): void {
    const tidied = tidy(text);
    if (tidied !== '')
      this.sections.push({ text: tidied, headingPath: this.headings.map((heading) => heading.text), kind });
  }
}
