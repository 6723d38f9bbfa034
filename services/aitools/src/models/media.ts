import type { ModelEndpoint } from '@astron/llm';
import { z } from 'zod';
import { callProvider, jsonOf, unexpectedAnswer } from './provider-http.js';

export interface MediaCallOptions {
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
}

export type GeneratedImage = { kind: 'bytes'; bytes: Buffer; revisedPrompt: string | null } | { kind: 'url'; url: string; revisedPrompt: string | null };

const imagesAnswerSchema = z.object({
  data: z.array(z.object({ b64_json: z.string().nullish(), url: z.string().nullish(), revised_prompt: z.string().nullish() })).min(1),
});

/**
 * `POST /images/generations` for one image. No `response_format` is sent: gpt-image models refuse it and always
 * answer base64, DALL·E answers URLs by default; whichever comes back is taken.
 */
export async function generateImage(endpoint: ModelEndpoint, request: { prompt: string; size?: string }, options: MediaCallOptions): Promise<GeneratedImage> {
  const json = { model: endpoint.model, prompt: request.prompt, n: 1, ...(request.size === undefined ? {} : { size: request.size }) };
  // base64 is a third larger than the image it carries.
  const answer = await callProvider(endpoint, { path: '/images/generations', body: { json }, timeoutMs: options.timeoutMs, signal: options.signal, maxBytes: Math.ceil(options.maxBytes * 1.4) + 4096 });
  const parsed = imagesAnswerSchema.safeParse(jsonOf(endpoint, answer));
  if (!parsed.success) throw unexpectedAnswer(endpoint, 'answered without an image (data: [{b64_json | url}])');
  const [image] = parsed.data.data;
  const revisedPrompt = image?.revised_prompt ?? null;
  if (typeof image?.b64_json === 'string' && image.b64_json !== '') return { kind: 'bytes', bytes: Buffer.from(image.b64_json, 'base64'), revisedPrompt };
  if (typeof image?.url === 'string' && image.url !== '') return { kind: 'url', url: image.url, revisedPrompt };
  throw unexpectedAnswer(endpoint, 'answered an image with neither b64_json nor url');
}

/** `POST /audio/speech` → the audio bytes and the content type the provider gave them. */
export async function synthesizeSpeech(
  endpoint: ModelEndpoint,
  request: { input: string; voice: string; format: string; speed?: number; instructions?: string },
  options: MediaCallOptions,
): Promise<{ bytes: Buffer; contentType: string }> {
  const json = {
    model: endpoint.model,
    input: request.input,
    voice: request.voice,
    response_format: request.format,
    ...(request.speed === undefined ? {} : { speed: request.speed }),
    ...(request.instructions === undefined ? {} : { instructions: request.instructions }),
  };
  const answer = await callProvider(endpoint, { path: '/audio/speech', body: { json }, timeoutMs: options.timeoutMs, signal: options.signal, maxBytes: options.maxBytes });
  if (answer.body.length === 0) throw unexpectedAnswer(endpoint, 'answered no audio');
  if (answer.contentType.startsWith('application/json')) throw unexpectedAnswer(endpoint, `answered JSON instead of audio: ${answer.body.toString('utf8').slice(0, 200)}`);
  return { bytes: answer.body, contentType: answer.contentType };
}

const transcriptionSchema = z.object({ text: z.string() });

/** `POST /audio/transcriptions` (multipart; the provider tells the format by the file name's extension). */
export async function transcribeAudio(
  endpoint: ModelEndpoint,
  request: { bytes: Buffer; fileName: string; contentType: string; language?: string; prompt?: string },
  options: MediaCallOptions,
): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([request.bytes], { type: request.contentType }), request.fileName);
  form.append('model', endpoint.model);
  // Plain json: several compatible servers do not speak verbose_json.
  form.append('response_format', 'json');
  if (request.language !== undefined) form.append('language', request.language);
  if (request.prompt !== undefined) form.append('prompt', request.prompt);
  const answer = await callProvider(endpoint, { path: '/audio/transcriptions', body: { form }, timeoutMs: options.timeoutMs, signal: options.signal, maxBytes: 16 * 1024 * 1024 });
  const parsed = transcriptionSchema.safeParse(jsonOf(endpoint, answer));
  if (!parsed.success) throw unexpectedAnswer(endpoint, 'answered a transcription without text');
  return parsed.data.text;
}
