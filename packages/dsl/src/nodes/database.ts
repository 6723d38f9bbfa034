import { z } from 'zod';
import { defineNode } from './define.js';

/**
 * SQL on the memory service's database (core/workflow engine/nodes/pgsql/pgsql_node.py). mode 0 runs `sql`;
 * 1 insert, 2 update, 3 select, 4 delete build it from tableName, cases, assignmentList, orderData and limit.
 * `{{input}}` placeholders in `sql` are bound as parameters, never spliced. `env` (ours) picks the database copy;
 * absent: production for a published workflow, development for a draft, as the original's release flag did.
 */
const SELECT_CONDITIONS = ['=', '!=', 'like', 'not like', 'in', 'not in', 'null', 'not null', '<', '<=', '>', '>='] as const;

const caseSchema = z.looseObject({
  logicalOperator: z.enum(['and', 'or'], { error: 'expected and or or' }),
  conditions: z.array(
    z.looseObject({
      fieldName: z.string().min(1),
      varIndex: z.string().min(1),
      selectCondition: z.enum(SELECT_CONDITIONS, { error: `expected one of ${SELECT_CONDITIONS.join(', ')}` }),
      fieldType: z.string().default(''),
    }),
  ),
});

export const database = defineNode({
  type: 'database',
  title: 'Database',
  originalLabel: '基础节点',
  category: 'basic',
  nodeParam: z
    .looseObject({
      dbId: z.union([z.number().int(), z.string().regex(/^\d+$/, 'expected a database id')], {
        error: 'choose a database',
      }),
      mode: z.literal([0, 1, 2, 3, 4], { error: 'expected 0 (SQL), 1 (insert), 2 (update), 3 (select) or 4 (delete)' }),
      tableName: z.string().nullish(),
      sql: z.string().nullish(),
      cases: z.array(caseSchema).default([]),
      assignmentList: z.array(z.string()).default([]),
      orderData: z
        .array(z.looseObject({ fieldName: z.string().min(1), order: z.enum(['asc', 'desc']) }))
        .default([]),
      limit: z.number().int().min(0).default(0),
      env: z.enum(['dev', 'prod'], { error: 'expected dev or prod' }).optional(),
    })
    .superRefine((param, context) => {
      if (param.mode === 0 && !param.sql?.trim()) {
        context.addIssue({ code: 'custom', path: ['sql'], message: 'mode 0 runs sql, which is empty' });
      }
      if (param.mode !== 0 && !param.tableName?.trim()) {
        context.addIssue({ code: 'custom', path: ['tableName'], message: `mode ${param.mode} needs a tableName` });
      }
      if ((param.mode === 2 || param.mode === 4) && param.cases.length === 0) {
        context.addIssue({ code: 'custom', path: ['cases'], message: 'update and delete need conditions (cases)' });
      }
    }),
  outputs: 'fixed',
  fixedOutputs: [
    { name: 'isSuccess', type: 'boolean' },
    { name: 'message', type: 'string' },
    { name: 'outputList', type: 'array-object' },
  ],
  errorBranch: true,
});
