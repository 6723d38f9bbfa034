import { z } from 'zod';
import { defineNode } from './define.js';

/**
 * An HTTP call through the egress client. The original only names this type; the parameters are ours. `url`,
 * header and parameter values and the body may hold {{name}} placeholders for the node's inputs.
 */
const pairSchema = z.looseObject({ key: z.string().min(1, 'the name is empty'), value: z.string().default('') });

export const httpRequest = defineNode({
  type: 'http-request',
  title: 'HTTP request',
  originalLabel: '工具',
  category: 'tool',
  nodeParam: z.looseObject({
    method: z
      .enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'], { error: 'expected GET, POST, PUT, PATCH, DELETE or HEAD' })
      .default('GET'),
    url: z.string().min(1, 'the URL is empty'),
    headers: z.array(pairSchema).default([]),
    params: z.array(pairSchema).default([]),
    body: z
      .looseObject({
        type: z
          .enum(['none', 'json', 'form-urlencoded', 'raw'], { error: 'expected none, json, form-urlencoded or raw' })
          .default('none'),
        content: z.string().default(''),
      })
      .default({ type: 'none', content: '' }),
    followRedirects: z.boolean().default(true),
  }),
  outputs: 'fixed',
  fixedOutputs: [
    { name: 'status_code', type: 'integer' },
    { name: 'body', type: 'string' },
    { name: 'headers', type: 'object' },
  ],
  errorBranch: true,
});
