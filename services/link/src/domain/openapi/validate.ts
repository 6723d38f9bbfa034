import SwaggerParser from '@apidevtools/swagger-parser';
import { documentInvalid } from '../errors.js';

/**
 * Nothing outside the document is ever read: no files, no URLs (parse.ts has refused such references already;
 * this keeps the parser from trying should one slip through). A recursive schema becomes a cycle of objects,
 * which schema.ts cuts where it repeats.
 */
const options: SwaggerParser.Options = {
  resolve: { external: false, file: false, http: false },
  dereference: { circular: true },
  validate: { schema: true, spec: true },
};

/** The most of the parser's report a person needs: its first lines. */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const shown = lines.slice(0, 6).join('; ');
  return shown.length > 1_500 ? `${shown.slice(0, 1_500)}…` : shown;
}

/** Checks the document against its specification and returns a copy with internal references replaced. */
export async function validateDocument(document: Record<string, unknown>): Promise<Record<string, unknown>> {
  try {
    // The parser rewrites what it is given; the caller keeps the document as imported.
    const api = await SwaggerParser.validate(structuredClone(document) as never, options);
    return api as unknown as Record<string, unknown>;
  } catch (error) {
    throw documentInvalid(reasonOf(error));
  }
}
