import { createHash } from 'node:crypto';
import { spokenText } from './speech.js';
import { countTokens } from './tokens.js';

const responseFormats = ['json', 'text', 'verbose_json', 'srt', 'vtt'];

export type TranscriptionAnswer =
  | { status: 200; body: string; contentType: string; fields: Record<string, unknown> }
  | { status: 400; message: string; fields: Record<string, unknown> };

/**
 * What the fake hears in a file: the text `fakeSpeech` hid in it, else a description naming the file, its size and
 * the start of its SHA-256, so every upload gets its own deterministic transcript.
 */
export function fakeTranscript(name: string, bytes: Buffer): string {
  const hidden = spokenText(bytes);
  if (hidden !== undefined) return hidden;
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
  return `fake transcript of ${name}: ${bytes.length} bytes, sha256 ${digest}`;
}

function timestamp(seconds: number, separator: string): string {
  const milliseconds = Math.round(seconds * 1000);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const hours = Math.floor(milliseconds / 3_600_000);
  const minutes = Math.floor(milliseconds / 60_000) % 60;
  return `${pad(hours)}:${pad(minutes)}:${pad(Math.floor(milliseconds / 1000) % 60)}${separator}${pad(milliseconds % 1000, 3)}`;
}

function render(format: string, text: string, language: string): { body: string; contentType: string } {
  // A fifth of a second per word, as the fake's speech is long.
  const duration = Math.max(1, countTokens(text)) * 0.2;
  if (format === 'text') return { body: text, contentType: 'text/plain; charset=utf-8' };
  if (format === 'srt') return { body: `1\n${timestamp(0, ',')} --> ${timestamp(duration, ',')}\n${text}\n`, contentType: 'text/plain; charset=utf-8' };
  if (format === 'vtt') return { body: `WEBVTT\n\n${timestamp(0, '.')} --> ${timestamp(duration, '.')}\n${text}\n`, contentType: 'text/plain; charset=utf-8' };
  const body =
    format === 'verbose_json'
      ? { task: 'transcribe', language, duration, text, segments: [{ id: 0, start: 0, end: duration, text }] }
      : { text };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

/**
 * `POST /v1/audio/transcriptions`, multipart: `file` and `model` required; `language`, `prompt`, `response_format`
 * (json, text, verbose_json, srt, vtt) optional. `fields` is what the fake records as the request's body: the text
 * fields, and the file as `{name, type, size}`.
 */
export async function answerTranscription(raw: Buffer, contentType: string | undefined): Promise<TranscriptionAnswer> {
  if (!(contentType ?? '').toLowerCase().startsWith('multipart/form-data')) {
    return { status: 400, message: 'send the audio as multipart/form-data', fields: {} };
  }
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType ?? '' } }).formData();
  } catch {
    return { status: 400, message: 'the multipart body could not be read', fields: {} };
  }
  const fields: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    fields[name] = typeof value === 'string' ? value : { name: value.name, type: value.type, size: value.size };
  }
  const file = form.get('file');
  if (file === null || typeof file === 'string') return { status: 400, message: "'file' is a required property", fields };
  const model = form.get('model');
  if (typeof model !== 'string' || model === '') return { status: 400, message: "'model' is a required property", fields };
  const format = form.get('response_format') ?? 'json';
  if (typeof format !== 'string' || !responseFormats.includes(format)) {
    return { status: 400, message: `'response_format' must be one of ${responseFormats.join(', ')}`, fields };
  }
  const language = form.get('language');
  const text = fakeTranscript(file.name, Buffer.from(await file.arrayBuffer()));
  return { status: 200, ...render(format, text, typeof language === 'string' ? language : 'english'), fields };
}
