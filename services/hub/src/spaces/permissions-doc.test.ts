import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { PERMISSIONS } from '../auth/permissions.js';
import { PERMISSION_MEANINGS, permissionsMarkdown, withGeneratedTable } from './permissions-doc.js';

const documentPath = resolve(import.meta.dirname, '../../../../docs/permissions.md');

test('docs/permissions.md shows exactly the permission table of auth/permissions.ts', () => {
  const document = readFileSync(documentPath, 'utf8');
  const current = withGeneratedTable(document);
  // ASTRON_UPDATE_DOCS=1 npx vitest run services/hub/src/spaces/permissions-doc.test.ts rewrites the table.
  if (process.env.ASTRON_UPDATE_DOCS === '1') writeFileSync(documentPath, current);
  else expect(document, 'docs/permissions.md is stale: run this test with ASTRON_UPDATE_DOCS=1').toBe(current);
});

test('every permission is explained and appears as a row', () => {
  expect(Object.keys(PERMISSION_MEANINGS).sort()).toEqual(Object.keys(PERMISSIONS).sort());
  const table = permissionsMarkdown();
  for (const permission of Object.keys(PERMISSIONS)) expect(table).toContain(`| \`${permission}\` |`);
  expect(table).toContain('| `space.delete` | ✓ | — | — | — |');
});
