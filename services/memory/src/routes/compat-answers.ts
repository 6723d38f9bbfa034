import type { FastifyRequest } from 'fastify';
import { isAppError, validationFailed } from '@astron/kit/errors';
import type { z } from 'zod';

/** The original's codes (core/memory/database/exceptions/error_code.py). */
export const ORIGINAL_CODES = {
  success: 0,
  param: 25000,
  execution: 25010,
  databaseMissing: 25013,
  noAuthority: 25020,
  noSchema: 25021,
  sqlParse: 25030,
  ddlNotAllowed: 25040,
  ddlExecution: 25041,
  dmlNotAllowed: 25050,
  dmlExecution: 25051,
  uploadType: 25100,
  fileParse: 25200,
  fileEmpty: 25300,
  server: 25500,
} as const;

export interface OriginalAnswer {
  code: number;
  message: string;
  sid: string;
  data?: unknown;
}

/** Which original code an error of ours becomes, by its code; what is not listed is a parameter error (4xx) or 25500. */
export type CodeMap = Partial<Record<string, number>>;

const COMMON: CodeMap = {
  validation_failed: ORIGINAL_CODES.param,
  database_not_found: ORIGINAL_CODES.databaseMissing,
  database_exists: ORIGINAL_CODES.execution,
  table_not_found: ORIGINAL_CODES.noSchema,
  sql_syntax_error: ORIGINAL_CODES.sqlParse,
  sql_empty: ORIGINAL_CODES.sqlParse,
};

/**
 * Runs a compatible endpoint and answers as the original does: HTTP 200 with `{code: 0, message: "success", sid,
 * data}`, or `{code, message, sid}` with its error codes (our message, which names the problem). `sid` is the
 * request id.
 */
export async function answerAsOriginal(request: FastifyRequest, codes: CodeMap, work: () => Promise<unknown>): Promise<OriginalAnswer> {
  const sid = String(request.id);
  try {
    const data = await work();
    return data === undefined ? { code: 0, message: 'success', sid } : { code: 0, message: 'success', sid, data };
  } catch (error) {
    if (isAppError(error) && error.status < 500) {
      const code = codes[error.code] ?? COMMON[error.code] ?? ORIGINAL_CODES.param;
      return { code, message: error.message, sid };
    }
    request.log.error({ err: error }, 'memory request failed');
    return { code: codes.failure ?? ORIGINAL_CODES.server, message: `internal error (request ${sid})`, sid };
  }
}

/** The body checked by `schema`, or the original's parameter error naming each field. */
export function originalBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
  throw validationFailed(`Parameter validation error: ${problems.join('; ')}`, problems);
}
