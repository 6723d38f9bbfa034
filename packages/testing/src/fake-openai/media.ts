import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, sendJson, sleep } from './http-util.js';
import { answerImages, fakeImagePng } from './images.js';
import { answerSpeech } from './speech.js';
import { answerTranscription } from './transcriptions.js';
import type { RecordedRequest } from './types.js';

export interface MediaRequest {
  request: IncomingMessage;
  response: ServerResponse;
  requestId: string;
  signal: AbortSignal;
  /** The body as it came, for multipart. */
  raw: Buffer;
  recorded: RecordedRequest;
  latencyMs: number;
}

type MediaHandler = (media: MediaRequest) => Promise<void>;

function sendBytes(response: ServerResponse, bytes: Buffer, contentType: string, requestId: string): void {
  response.writeHead(200, { 'content-type': contentType, 'content-length': bytes.length, 'x-request-id': requestId });
  response.end(bytes);
}

function jsonFields(media: MediaRequest): Record<string, unknown> | undefined {
  const body = media.recorded.body;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  sendError(media.response, media.requestId, 400, 'We could not parse the JSON body of your request.');
  return undefined;
}

const generateImages: MediaHandler = async (media) => {
  const fields = jsonFields(media);
  if (fields === undefined) return;
  const answer = answerImages(fields, `http://${media.request.headers.host ?? '127.0.0.1'}`);
  if (!(await sleep(media.latencyMs, media.signal))) return;
  if (answer.status === 200) sendJson(media.response, 200, answer.body, media.requestId);
  else sendError(media.response, media.requestId, 400, answer.message);
};

/** Where the `url` answers of image generation point. */
const imageContent: MediaHandler = async (media) => {
  const prompt = new URL(media.request.url ?? '/', 'http://fake').searchParams.get('prompt');
  if (prompt === null) sendError(media.response, media.requestId, 404, 'no such image', { code: 'unknown_url' });
  else sendBytes(media.response, fakeImagePng(prompt), 'image/png', media.requestId);
};

const speak: MediaHandler = async (media) => {
  const fields = jsonFields(media);
  if (fields === undefined) return;
  const answer = answerSpeech(fields);
  if (!(await sleep(media.latencyMs, media.signal))) return;
  if (answer.status === 200) sendBytes(media.response, answer.bytes, answer.contentType, media.requestId);
  else sendError(media.response, media.requestId, 400, answer.message);
};

const transcribe: MediaHandler = async (media) => {
  const answer = await answerTranscription(media.raw, media.request.headers['content-type']);
  media.recorded.body = answer.fields;
  if (!(await sleep(media.latencyMs, media.signal))) return;
  if (answer.status === 200) sendBytes(media.response, Buffer.from(answer.body), answer.contentType, media.requestId);
  else sendError(media.response, media.requestId, 400, answer.message);
};

const handlers: Record<string, MediaHandler> = {
  'POST /v1/images/generations': generateImages,
  'GET /v1/images/content': imageContent,
  'POST /v1/audio/speech': speak,
  'POST /v1/audio/transcriptions': transcribe,
};

/** The handler of an image or audio endpoint, or undefined for any other request. */
export function mediaRoute(method: string, path: string): MediaHandler | undefined {
  return handlers[`${method} ${path}`];
}
