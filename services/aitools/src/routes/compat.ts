import { isAppError } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import { z } from 'zod';
import { modelChoiceSchema, type ModelChoice } from '../models/slots.js';
import type { AiTool } from '../tools/define-tool.js';
import { imageGeneration } from '../tools/image-generation/definition.js';
import { imageUnderstanding } from '../tools/image-understanding/definition.js';
import { ocr } from '../tools/ocr/definition.js';
import { textToSpeech } from '../tools/text-to-speech/definition.js';
import { runTool, type ToolServices } from '../tools/run-tool.js';
import { callerOf, clientGone } from './context.js';

/** The original's error codes (core/plugin/aitools/const/err_code/code.py) for what each route may fail with. */
const originalCodes = { ocr: 45000, imageGenerate: 45100, textEmpty: 46000, voiceGenerate: 46001, internal: 46020 };

interface CompatRoute<Body extends z.ZodType> {
  path: string;
  body: Body;
  tool: AiTool<unknown, unknown>;
  failureCode: number;
  /** A refusal the original answers before calling anything, as `{code, message}`. */
  refuse?(body: z.output<Body>): { code: number; message: string } | null;
  inputs(body: z.output<Body>): Record<string, unknown>;
  data(outputs: Record<string, unknown>): unknown;
}

const withModels = <Shape extends z.ZodRawShape>(shape: Shape) => z.object({ ...shape, models: modelChoiceSchema.optional() });

const routes = [
  {
    path: '/aitools/v1/image_generate',
    body: withModels({ prompt: z.string(), width: z.number().int().min(16).max(8192).default(1024), height: z.number().int().min(16).max(8192).default(1024) }),
    tool: imageGeneration,
    failureCode: originalCodes.imageGenerate,
    inputs: (body: { prompt: string; width: number; height: number }) => ({ prompt: body.prompt, size: `${body.width}x${body.height}` }),
    data: (outputs: Record<string, unknown>) => ({ image_url: outputs.url, image_url_md: outputs.markdown }),
  },
  {
    path: '/aitools/v1/image_understanding',
    body: withModels({ question: z.string(), image_url: z.string() }),
    tool: imageUnderstanding,
    failureCode: originalCodes.internal,
    inputs: (body: { question: string; image_url: string }) => ({ question: body.question, imageUrl: body.image_url }),
    data: (outputs: Record<string, unknown>) => ({ content: outputs.text }),
  },
  {
    // Pages of a PDF (page_start, page_end) are accepted and unused: images only here.
    path: '/aitools/v1/ocr',
    body: withModels({ file_url: z.string(), page_start: z.number().int().optional(), page_end: z.number().int().optional() }),
    tool: ocr,
    failureCode: originalCodes.ocr,
    inputs: (body: { file_url: string }) => ({ imageUrl: body.file_url }),
    data: (outputs: Record<string, unknown>) => outputs.text,
  },
  {
    // The original's speed runs 0-100 with 50 as normal; OpenAI's 0.25-4 with 1.
    path: '/aitools/v1/smarttts',
    body: withModels({ text: z.string(), vcn: z.string().min(1), speed: z.number().min(0).max(100).default(50) }),
    tool: textToSpeech,
    failureCode: originalCodes.voiceGenerate,
    refuse: (body: { text: string }) => (body.text === '' ? { code: originalCodes.textEmpty, message: 'the text field must not be empty' } : null),
    inputs: (body: { text: string; vcn: string; speed: number }) => ({ text: body.text, voice: body.vcn, speed: Math.min(2, Math.max(0.25, body.speed / 50)) }),
    data: (outputs: Record<string, unknown>) => ({ voice_url: outputs.url }),
  },
] as const satisfies CompatRoute<z.ZodType>[];

/**
 * The original astron-agent's aitools routes, for clients written against it: the same paths and bodies (plus
 * `models`, which the hub fills with the space's defaults), answered the original's way: HTTP 200 with
 * `{code: 0, message: "success", data, sid}`, or `{code, message, sid}` with its error codes. A body that does not
 * fit is a 400 `validation_failed`, as everywhere here.
 */
export function compatRoutes(app: App, dependencies: { serviceToken: string; services: ToolServices }): void {
  for (const route of routes as readonly CompatRoute<z.ZodType>[]) {
    app.post(route.path, { schema: { tags: ['astron-agent compatible'], body: route.body } }, async (request, reply) => {
      const caller = callerOf(request, dependencies.serviceToken);
      const sid = String(request.id);
      const refusal = route.refuse?.(request.body) ?? null;
      if (refusal !== null) return { ...refusal, sid };
      const models = (request.body as { models?: ModelChoice }).models ?? {};
      try {
        const result = await runTool(route.tool, { inputs: route.inputs(request.body), models, upload: null }, caller, dependencies.services, clientGone(reply));
        return { code: 0, message: 'success', data: route.data(result.outputs as Record<string, unknown>), sid };
      } catch (error) {
        if (!isAppError(error) || error.status >= 500) request.log.error({ err: error, path: route.path }, 'aitools call failed');
        const message = isAppError(error) ? error.message : `internal error (request ${sid})`;
        return { code: route.failureCode, message, sid };
      }
    });
  }
}
