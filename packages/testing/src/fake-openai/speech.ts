import { countTokens } from './tokens.js';

/** Where the fake hides the spoken text in its audio, so that its transcription endpoint can give it back. */
const TEXT_MARKER = 'ASTRON-FAKE-SPEECH:';

const formats = {
  mp3: { contentType: 'audio/mpeg', magic: Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1') },
  opus: { contentType: 'audio/opus', magic: Buffer.from('OggS', 'latin1') },
  aac: { contentType: 'audio/aac', magic: Buffer.from([0xff, 0xf1]) },
  flac: { contentType: 'audio/flac', magic: Buffer.from('fLaC', 'latin1') },
  wav: { contentType: 'audio/wav', magic: Buffer.alloc(0) },
  pcm: { contentType: 'audio/pcm', magic: Buffer.alloc(0) },
} as const;

export type SpeechFormat = keyof typeof formats;

const SAMPLE_RATE = 24_000;
/** A fifth of a second of silence per word (16-bit mono). */
const SAMPLES_PER_WORD = SAMPLE_RATE / 5;

function textMarker(text: string): Buffer {
  return Buffer.from(`\n${TEXT_MARKER}${Buffer.from(text).toString('base64')}\n`, 'latin1');
}

/** A RIFF WAVE file: 16-bit mono PCM silence, and the text in a chunk of its own (players skip unknown chunks). */
function wavFile(text: string, samples: number): Buffer {
  const format = Buffer.alloc(16);
  format.writeUInt16LE(1, 0);
  format.writeUInt16LE(1, 2);
  format.writeUInt32LE(SAMPLE_RATE, 4);
  format.writeUInt32LE(SAMPLE_RATE * 2, 8);
  format.writeUInt16LE(2, 12);
  format.writeUInt16LE(16, 14);
  const marker = textMarker(text);
  const chunk = (id: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.write(id, 0, 'ascii');
    head.writeUInt32LE(data.length, 4);
    // RIFF chunks are padded to an even length.
    return Buffer.concat([head, data, Buffer.alloc(data.length % 2)]);
  };
  const body = Buffer.concat([Buffer.from('WAVE', 'ascii'), chunk('fmt ', format), chunk('note', marker), chunk('data', Buffer.alloc(samples * 2))]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'ascii');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

/**
 * The fake's audio for `text`: a real WAV (silence, a fifth of a second per word) for `wav`, silence for `pcm`, and
 * for the compressed formats the format's magic bytes followed by the text. Every format but `pcm` carries the text,
 * which `POST /v1/audio/transcriptions` of the fake reads back.
 */
export function fakeSpeech(text: string, format: SpeechFormat): { bytes: Buffer; contentType: string } {
  const { contentType, magic } = formats[format];
  const samples = Math.max(1, countTokens(text)) * SAMPLES_PER_WORD;
  if (format === 'wav') return { bytes: wavFile(text, samples), contentType };
  if (format === 'pcm') return { bytes: Buffer.alloc(samples * 2), contentType };
  return { bytes: Buffer.concat([magic, textMarker(text)]), contentType };
}

/** The text hidden in audio made by `fakeSpeech`, or undefined for any other bytes. */
export function spokenText(audio: Buffer): string | undefined {
  const content = audio.toString('latin1');
  const start = content.indexOf(TEXT_MARKER);
  if (start < 0) return undefined;
  const end = content.indexOf('\n', start);
  const encoded = content.slice(start + TEXT_MARKER.length, end < 0 ? undefined : end);
  return Buffer.from(encoded, 'base64').toString('utf8');
}

export type SpeechAnswer = { status: 200; bytes: Buffer; contentType: string } | { status: 400; message: string };

/** `POST /v1/audio/speech {model, input, voice, response_format?, speed?}` → the audio bytes. */
export function answerSpeech(body: Record<string, unknown>): SpeechAnswer {
  if (typeof body.model !== 'string' || body.model === '') return { status: 400, message: "'model' is a required property" };
  if (typeof body.input !== 'string' || body.input === '' || body.input.length > 4096) {
    return { status: 400, message: "'input' must be a string of 1 to 4096 characters" };
  }
  if (typeof body.voice !== 'string' || body.voice === '') return { status: 400, message: "'voice' is a required property" };
  const format = body.response_format ?? 'mp3';
  if (typeof format !== 'string' || !(format in formats)) return { status: 400, message: `'response_format' must be one of ${Object.keys(formats).join(', ')}` };
  const speed = body.speed ?? 1;
  if (typeof speed !== 'number' || speed < 0.25 || speed > 4) return { status: 400, message: "'speed' must be a number from 0.25 to 4" };
  return { status: 200, ...fakeSpeech(body.input, format as SpeechFormat) };
}
