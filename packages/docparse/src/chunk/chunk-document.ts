import type { Chunk, ChunkMode, ChunkOptions, ParsedDocument } from '../types.js';
import { pack, type PackedRange, type PackPiece } from './pack.js';
import { buildRuns, commonPath, spanAt, type Run } from './runs.js';
import { splitRange } from './split.js';

const MODES: readonly ChunkMode[] = ['recursive', 'heading', 'separator'];
const MIN_TOKENS = 16;

interface Settings {
  mode: ChunkMode;
  maxTokens: number;
  overlapTokens: number;
  separator: string;
}

/** Options a caller got wrong are a programming error (the service validates what users send), hence RangeError. */
function settings(options: ChunkOptions): Settings {
  const { mode, maxTokens = 512, separator = '' } = options;
  if (!MODES.includes(mode)) throw new RangeError(`chunk mode must be one of ${MODES.join(', ')}`);
  if (!Number.isInteger(maxTokens) || maxTokens < MIN_TOKENS)
    throw new RangeError(`maxTokens must be an integer of at least ${MIN_TOKENS}`);
  const overlapTokens = options.overlapTokens ?? Math.min(64, Math.floor(maxTokens / 4));
  if (!Number.isInteger(overlapTokens) || overlapTokens < 0 || overlapTokens >= maxTokens) {
    throw new RangeError('overlapTokens must be an integer from 0 to below maxTokens');
  }
  if (mode === 'separator' && separator === '')
    throw new RangeError('separator mode needs a non-empty separator');
  return { mode, maxTokens, overlapTokens, separator };
}

/** The parts of a run chunked independently: the whole run, or in separator mode what lies between separators. */
function segments(run: Run, { mode, separator }: Settings): [number, number][] {
  if (mode !== 'separator') return [[0, run.text.length]];
  const parts: [number, number][] = [];
  let start = 0;
  for (let at = run.text.indexOf(separator); at >= 0; at = run.text.indexOf(separator, start)) {
    parts.push([start, at]);
    start = at + separator.length;
  }
  parts.push([start, run.text.length]);
  return parts;
}

/** The chunk for a packed range: its headings are those all its sections share, its pages those they span. */
function toChunk(run: Run, range: PackedRange, position: number): Chunk {
  const spans = run.spans.filter((span) => span.end > range.start && span.start < range.end);
  const chunk: Chunk = {
    position,
    content: run.text.slice(range.start, range.end),
    tokens: range.tokens,
    headingPath: spans.map((span) => span.section.headingPath).reduce(commonPath),
  };
  const pages = spans.flatMap((span) => (span.section.page === undefined ? [] : [span.section.page]));
  if (pages.length > 0) {
    chunk.page = Math.min(...pages);
    chunk.pageEnd = Math.max(...pages);
  }
  return chunk;
}

/**
 * Cuts a parsed document into chunks of at most maxTokens cl100k_base tokens, in document order, carrying the
 * heading path and pages of what each holds. See README.md ("How chunks are cut") for the three modes.
 */
export function chunkDocument(parsed: ParsedDocument, options: ChunkOptions): Chunk[] {
  const resolved = settings(options);
  const characterBudget = Math.max(
    resolved.maxTokens - resolved.overlapTokens,
    Math.ceil(resolved.maxTokens / 2),
  );
  const chunks: Chunk[] = [];
  for (const run of buildRuns(parsed.sections, resolved.mode)) {
    for (const [start, end] of segments(run, resolved)) {
      const pieces: PackPiece[] = splitRange(run.text, start, end, resolved.maxTokens, characterBudget).map(
        (piece) => {
          const span = spanAt(run, piece.start);
          return { ...piece, table: span.section.kind === 'table', heading: span.heading };
        },
      );
      for (const range of pack(run.text, pieces, resolved)) chunks.push(toChunk(run, range, chunks.length));
    }
  }
  return chunks;
}
