import type { App } from '@astron/kit/http';
import { AppError } from '@astron/kit/errors';
import { z } from 'zod';
import { callerOf, formOf, type MemoryRoutesContext } from './context.js';
import { answerAsOriginal, ORIGINAL_CODES, originalBody } from './compat-answers.js';
import { originalEnv } from './compat.js';

const tags = ['astron-agent compatible'];

const tableSchema = z.object({
  app_id: z.string(),
  database_id: z.coerce.number().int().positive(),
  uid: z.string().min(1).max(64),
  table_name: z.string().min(1).max(63),
  env: originalEnv,
});

const CODES = { failure: ORIGINAL_CODES.execution, csv_invalid: ORIGINAL_CODES.fileParse, csv_empty: ORIGINAL_CODES.fileEmpty, unsupported_file: ORIGINAL_CODES.uploadType, unknown_columns: ORIGINAL_CODES.uploadType, csv_missing_columns: ORIGINAL_CODES.uploadType };

/** The original's upload_data (multipart: app_id, database_id, uid, table_name, env, file) and export_data (CSV). */
export function compatDataRoutes(app: App, context: MemoryRoutesContext): void {
  const { databases, transfer } = context;

  app.post('/xingchen-db/v1/upload_data', { schema: { tags, summary: 'append the rows of a CSV file' } }, (request) =>
    answerAsOriginal(request, CODES, async () => {
      const form = await formOf(request);
      const body = originalBody(tableSchema, Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === 'string')));
      const file = form.get('file');
      if (!(file instanceof Blob)) throw new AppError({ code: 'unsupported_file', status: 400, message: 'the form needs a file field holding the CSV' });
      const name = file instanceof File ? file.name : '';
      if (!/\.csv$/i.test(name)) throw new AppError({ code: 'unsupported_file', status: 400, message: `only CSV files can be imported here, got "${name}" (save a spreadsheet as CSV first)` });
      const database = await databases.find(callerOf(request, context).spaceId, body.database_id);
      const result = await transfer.importCsv(database, body.env, body.table_name, await file.text(), body.uid);
      return { success_rows: result.ids, failed_rows: result.failed.map((failure) => ({ line: failure.line, error: failure.column === undefined ? failure.message : `${failure.column}: ${failure.message}` })) };
    }),
  );

  app.post('/xingchen-db/v1/export_data', { schema: { tags, summary: 'a table as CSV' } }, async (request, reply) => {
    let csv: string | undefined;
    let table = '';
    const answer = await answerAsOriginal(request, { failure: ORIGINAL_CODES.execution }, async () => {
      const body = originalBody(tableSchema, request.body);
      table = body.table_name;
      const database = await databases.find(callerOf(request, context).spaceId, body.database_id);
      csv = await transfer.exportCsv(database, body.env, body.table_name);
      return undefined;
    });
    if (csv === undefined) return answer;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${table}_export.csv`)}`)
      .send(csv);
  });
}
