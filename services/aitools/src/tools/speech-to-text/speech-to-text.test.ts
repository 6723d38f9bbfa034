import { fakeSpeech, fakeTranscript, startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { fixedModels } from '../../models/resolver.js';
import { runForm, startTestAitools, startWebServer, type AitoolsUnderTest, type WebServer } from '../../test-harness.js';

const models = { speech: 'p1/tts-1', transcription: 'p1/whisper-1' };

let fake: FakeOpenAI;
/** Default egress rules: loopback refused. */
let aitools: AitoolsUnderTest;
/** Reaches the test web server on 127.0.0.1. */
let open: AitoolsUnderTest;
let web: WebServer;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  aitools = await startTestAitools(fixedModels(fake.url, null));
  open = await startTestAitools(fixedModels(fake.url, null), { EGRESS_ALLOW_HOSTS: '127.0.0.1' });
  web = await startWebServer({
    '/talks/greeting.wav': { type: 'audio/wav', body: fakeSpeech('good morning', 'wav').bytes },
    '/talks/notes.txt': { type: 'text/plain', body: 'not audio' },
  });
});
afterEach(() => fake.reset());
afterAll(async () => {
  await aitools?.stop();
  await open?.stop();
  await web?.close();
  await fake?.close();
});

describe('speech_to_text', () => {
  test('an uploaded file is sent to the model named after what its bytes are', async () => {
    const mp3 = fakeSpeech('the meeting starts at nine', 'mp3').bytes;
    const answer = await aitools.run('speech_to_text', runForm({ language: 'en' }, models, { name: 'recording', bytes: mp3 }));
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toEqual({ tool: 'speech_to_text', outputs: { text: 'the meeting starts at nine' } });
    expect(fake.requests[0]).toMatchObject({ path: '/v1/audio/transcriptions', body: { model: 'whisper-1', language: 'en', response_format: 'json', file: { name: 'audio.mp3', size: mp3.length } } });
  });

  test('a URL is fetched through the egress client', async () => {
    const answer = await open.run('speech_to_text', { inputs: { url: `${web.url}/talks/greeting.wav` }, models });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.outputs.text).toBe('good morning');
    expect(web.requests).toContain('/talks/greeting.wav');
  });

  test('a private address is refused before anything is sent to it', async () => {
    const before = web.requests.length;
    const answer = await aitools.run('speech_to_text', { inputs: { url: `${web.url}/talks/greeting.wav` }, models });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ code: 'egress_blocked', message: expect.stringContaining('127.0.0.1') });
    const metadata = await open.run('speech_to_text', { inputs: { url: 'http://169.254.169.254/latest/meta-data/' }, models });
    expect(metadata.status).toBe(403);
    expect(web.requests.length).toBe(before);
    expect(fake.requests).toEqual([]);
  });

  test("speech this service made for the space is read from storage, even where its address is private", async () => {
    const spoken = await aitools.run('text_to_speech', { inputs: { text: 'round trip', format: 'flac' }, models });
    expect(spoken.status, spoken.text).toBe(200);
    const heard = await aitools.run('speech_to_text', { inputs: { url: spoken.body.outputs.url }, models });
    expect(heard.status, heard.text).toBe(200);
    expect(heard.body.outputs.text).toBe('round trip');
    expect(fake.requests[1]?.body).toMatchObject({ file: { name: 'audio.flac' } });
    // Another space's link is just a URL: fetched through the egress client, which refuses loopback.
    const foreign = await aitools.run('speech_to_text', { inputs: { url: spoken.body.outputs.url }, models }, { space: 'space_b' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('egress_blocked');
  });

  test('what is not audio is a 415; no file, or two, is a 400', async () => {
    const text = await open.run('speech_to_text', { inputs: { url: `${web.url}/talks/notes.txt` }, models });
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ code: 'unsupported_file_type', message: expect.stringContaining('notes.txt (text/plain, 9 bytes) is not a WAV, MP3') });
    const missing = await aitools.run('speech_to_text', { inputs: {}, models });
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([{ field: 'inputs.url', message: 'required' }]);
    const both = await aitools.run('speech_to_text', runForm({ url: `${web.url}/talks/greeting.wav` }, models, { name: 'a.wav', bytes: fakeSpeech('x', 'wav').bytes }));
    expect(both.status).toBe(400);
    expect(both.body.message).toContain('not both');
    const gone = await open.run('speech_to_text', { inputs: { url: `${web.url}/talks/missing.wav` }, models });
    expect(gone.status).toBe(400);
    expect(gone.body).toMatchObject({ code: 'input_url_failed', details: { status: 404 } });
    expect(fake.requests).toEqual([]);
  });

  test('an upload over AITOOLS_MAX_FILE_MB is a 413 naming the limit', async () => {
    const small = await startTestAitools(fixedModels(fake.url, null), { AITOOLS_MAX_FILE_MB: '1' });
    try {
      const big = Buffer.concat([fakeSpeech('x', 'wav').bytes, Buffer.alloc(1024 * 1024 + 10)]);
      const answer = await small.run('speech_to_text', runForm({}, models, { name: 'big.wav', bytes: big }));
      expect(answer.status).toBe(413);
      expect(answer.body).toMatchObject({ code: 'payload_too_large', details: { limitBytes: 1024 * 1024 } });
    } finally {
      await small.stop();
    }
  });

  test("the provider's transcript of unknown audio comes back as it is", async () => {
    const wav = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVE'), Buffer.alloc(32, 1)]);
    const answer = await aitools.run('speech_to_text', runForm({}, models, { name: 'x.wav', bytes: wav }));
    expect(answer.body.outputs.text).toBe(fakeTranscript('audio.wav', wav));
  });
});
