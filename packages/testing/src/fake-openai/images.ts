import { createHash } from 'node:crypto';
import { encodePng } from './png.js';

const IMAGE_SIDE = 8;

/**
 * The fake's picture of a prompt: an 8×8 PNG checkerboard in two colours taken from the SHA-256 of the prompt, so the
 * same prompt always gives the same bytes and different prompts different ones.
 */
export function fakeImagePng(prompt: string): Buffer {
  const digest = createHash('sha256').update(prompt).digest();
  const first: [number, number, number] = [digest[0] ?? 0, digest[1] ?? 0, digest[2] ?? 0];
  const second: [number, number, number] = [digest[3] ?? 0, digest[4] ?? 0, digest[5] ?? 0];
  return encodePng(IMAGE_SIDE, IMAGE_SIDE, (x, y) => ((x + y) % 2 === 0 ? first : second));
}

/** The prompt of the n-th image of a request: the prompt itself for the first, numbered after that. */
export function imagePrompt(prompt: string, index: number): string {
  return index === 0 ? prompt : `${prompt} #${index}`;
}

export type ImagesAnswer = { status: 200; body: unknown } | { status: 400; message: string };

/**
 * `POST /v1/images/generations`. Like OpenAI, DALL·E models answer `url` by default and the others (gpt-image-1)
 * `b64_json`; `response_format` picks one. A URL points at `GET /v1/images/content` of this server.
 */
export function answerImages(body: Record<string, unknown>, origin: string): ImagesAnswer {
  if (typeof body.model !== 'string' || body.model === '') return { status: 400, message: "'model' is a required property" };
  if (typeof body.prompt !== 'string' || body.prompt.trim() === '') return { status: 400, message: "'prompt' must be a non-empty string" };
  const count = body.n ?? 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 4) return { status: 400, message: "'n' must be an integer from 1 to 4" };
  if (body.size !== undefined && (typeof body.size !== 'string' || !/^\d{2,5}x\d{2,5}$/.test(body.size))) {
    return { status: 400, message: "'size' must look like 1024x1024" };
  }
  const format = body.response_format ?? (body.model.startsWith('dall-e') ? 'url' : 'b64_json');
  if (format !== 'url' && format !== 'b64_json') return { status: 400, message: "'response_format' must be url or b64_json" };
  const prompt = body.prompt;
  const data = Array.from({ length: count }, (_, index) => {
    const imageOf = imagePrompt(prompt, index);
    const revised = { revised_prompt: `${imageOf} (revised)` };
    if (format === 'b64_json') return { b64_json: fakeImagePng(imageOf).toString('base64'), ...revised };
    return { url: `${origin}/v1/images/content?prompt=${encodeURIComponent(imageOf)}`, ...revised };
  });
  return { status: 200, body: { created: Math.floor(Date.now() / 1000), data } };
}
