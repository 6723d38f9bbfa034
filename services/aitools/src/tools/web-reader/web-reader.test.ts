import { lastUserText, startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { fixedModels } from '../../models/resolver.js';
import { startTestAitools, startWebServer, type AitoolsUnderTest, type WebServer } from '../../test-harness.js';

const article = `<!doctype html><html><head><title>Tides &amp; Moons</title><style>body{color:red}</style><script>var secret = 1;</script></head>
<body><nav>Home | About</nav><h1>Tides</h1><p>The moon pulls the <a href="/sea">sea</a> twice a day.</p><footer>© 2026</footer></body></html>`;

let fake: FakeOpenAI;
let aitools: AitoolsUnderTest;
let guarded: AitoolsUnderTest;
let web: WebServer;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  aitools = await startTestAitools(fixedModels(fake.url, null), { EGRESS_ALLOW_HOSTS: '127.0.0.1' });
  guarded = await startTestAitools(fixedModels(fake.url, null));
  web = await startWebServer({
    '/tides': { type: 'text/html; charset=utf-8', body: article },
    '/long.txt': { type: 'text/plain', body: 'word '.repeat(100) },
    '/logo.png': { type: 'image/png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
  });
});
afterEach(() => fake.reset());
afterAll(async () => {
  await aitools?.stop();
  await guarded?.stop();
  await web?.close();
  await fake?.close();
});

describe('web_reader', () => {
  test('returns the title and readable text of a page, without menus, scripts or styles, and needs no model', async () => {
    const answer = await aitools.run('web_reader', { inputs: { url: `${web.url}/tides` } });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.outputs).toEqual({ url: `${web.url}/tides`, title: 'Tides & Moons', text: 'TIDES\n\nThe moon pulls the sea twice a day.', truncated: false, summary: null });
    expect(fake.requests).toEqual([]);
  });

  test('summarizes with the chat model when asked, in the language asked', async () => {
    fake.script({ match: (request) => lastUserText(request).includes('The moon pulls the sea'), content: 'The moon causes two tides a day.' });
    const answer = await aitools.run('web_reader', { inputs: { url: `${web.url}/tides`, summarize: true, summaryLanguage: 'English' }, models: { chat: 'p1/gpt-4o-mini' } });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.outputs.summary).toBe('The moon causes two tides a day.');
    expect(answer.body.usage.total_tokens).toBeGreaterThan(0);
    const request = fake.requests[0]?.body as { messages: { content: string }[] };
    expect(request.messages[0]?.content).toContain('Answer in English');
    expect(request.messages[1]?.content).toContain('Title: Tides & Moons');
  });

  test('a summary without a chat model is refused before the page is fetched', async () => {
    const before = web.requests.length;
    const answer = await aitools.run('web_reader', { inputs: { url: `${web.url}/tides`, summarize: true } });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'model_not_configured', details: { tool: 'web_reader', slot: 'chat' } });
    expect(web.requests.length).toBe(before);
  });

  test('cuts the text at maxCharacters', async () => {
    const answer = await aitools.run('web_reader', { inputs: { url: `${web.url}/long.txt`, maxCharacters: 100 } });
    expect(answer.body.outputs).toMatchObject({ title: '', truncated: true });
    expect(answer.body.outputs.text).toHaveLength(100);
  });

  test('private, loopback and metadata addresses are refused, literal or not', async () => {
    const before = web.requests.length;
    for (const url of [`${web.url}/tides`, `http://localhost:${new URL(web.url).port}/tides`, 'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/', 'http://0x7f.1/']) {
      const answer = await guarded.run('web_reader', { inputs: { url } });
      expect(answer.status, url).toBe(403);
      expect(answer.body.code, url).toBe('egress_blocked');
    }
    expect(web.requests.length).toBe(before);
    const scheme = await guarded.run('web_reader', { inputs: { url: 'file:///etc/passwd' } });
    expect(scheme.status).toBe(400);
    expect(scheme.body.details[0]).toMatchObject({ field: 'inputs.url', message: 'expected an http or https URL' });
  });

  test('an image is not a page (415); a missing page is a 400 with its status', async () => {
    const image = await aitools.run('web_reader', { inputs: { url: `${web.url}/logo.png` } });
    expect(image.status).toBe(415);
    expect(image.body.message).toContain('is image/png, not a page to read');
    const missing = await aitools.run('web_reader', { inputs: { url: `${web.url}/nowhere` } });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'input_url_failed', details: { status: 404 } });
  });
});
