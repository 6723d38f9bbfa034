import { createHash } from 'node:crypto';
import { embedText } from '../fake-openai/embeddings.js';
import { words } from './scoring.js';
import type { FakeChunk, FakeDocument, FakeRagflowState } from './state.js';

export interface ParsingOptions {
  /** Steps from RUNNING to DONE or FAIL; progress goes 1/ticks, 2/ticks, ... between them. */
  ticks: number;
  tickMs: number;
}

/** Runs the fake parsing of documents on timers, the way RAGFlow's task executors move `run` and `progress`. */
export interface ParsingSchedule {
  start(document: FakeDocument): void;
  /** Stops a document's parsing (it was deleted); nothing happens to the document itself. */
  cancel(documentId: string): void;
  cancelAll(): void;
}

/** Paragraphs (text between blank lines) of the document read as UTF-8, one chunk each. */
export function splitIntoChunks(document: FakeDocument): FakeChunk[] {
  const paragraphs = document.bytes
    .toString('utf8')
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
  return paragraphs.map((content, index) => ({
    // RAGFlow's chunk ids are a 64-bit hash of the content and the document id, in hex.
    id: createHash('sha256').update(`${document.id}:${index}:${content}`).digest('hex').slice(0, 16),
    content,
    documentId: document.id,
    vector: embedText(content),
  }));
}

function logLine(message: string): string {
  return `${new Date().toISOString().slice(11, 19)} ${message}`;
}

function appendLog(document: FakeDocument, message: string): void {
  document.progressMessage += (document.progressMessage === '' ? '' : '\n') + logLine(message);
  document.updatedAt = new Date();
}

export function createParsingSchedule(state: FakeRagflowState, options: ParsingOptions): ParsingSchedule {
  const timers = new Map<string, NodeJS.Timeout>();

  function step(document: FakeDocument, tick: number): void {
    if (tick < options.ticks) {
      document.progress = tick / options.ticks;
      appendLog(document, `Parsing step ${tick} of ${options.ticks}.`);
      timers.set(
        document.id,
        setTimeout(() => step(document, tick + 1), options.tickMs),
      );
      return;
    }
    timers.delete(document.id);
    if (state.failingFiles.has(document.name)) {
      document.run = 'FAIL';
      document.progress = -1;
      appendLog(document, `[ERROR]Fail to parse ${document.name}: the test marked this file as failing.`);
      return;
    }
    document.chunks = splitIntoChunks(document);
    document.tokenCount = document.chunks.reduce((sum, chunk) => sum + words(chunk.content).length, 0);
    document.run = 'DONE';
    document.progress = 1;
    appendLog(document, `Done: ${document.chunks.length} chunks.`);
  }

  function cancel(documentId: string): void {
    clearTimeout(timers.get(documentId));
    timers.delete(documentId);
  }

  return {
    start(document) {
      cancel(document.id);
      // What RAGFlow's parse handler writes before it queues the tasks.
      Object.assign(document, {
        run: 'RUNNING',
        progress: 0,
        progressMessage: '',
        chunks: [],
        tokenCount: 0,
        processBeginAt: new Date(),
        updatedAt: new Date(),
      });
      timers.set(
        document.id,
        setTimeout(() => step(document, 1), options.tickMs),
      );
    },
    cancel,
    cancelAll() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
