import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEgressClient, type EgressClient } from '@astron/kit/egress';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ToolContext } from '../define-tool.js';
import { webReader } from './definition.js';

const page = `<!doctype html><html><head><title>Opening &amp; hours</title><style>body{color:red}</style>
<script>alert('no')</script></head><body><nav>Menu</nav><h1>Shop</h1><p>Open <b>9 to 5</b>, <a href="/x">see more</a>.</p>
<img src="a.png"><footer>Footer text</footer></body></html>`;

describe('web_reader', () => {
  let server: Server;
  let base: string;
  const clients: EgressClient[] = [];
  const contextWith = (egress: EgressClient): ToolContext => ({ spaceId: 's', conversationId: 'c', caller: {}, signal: new AbortController().signal, egress });

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/page') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      } else if (request.url === '/long') {
        response.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(5_000));
      } else if (request.url === '/image') {
        response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(10));
      } else {
        response.writeHead(404).end('gone');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const client = (options: Parameters<typeof createEgressClient>[0]) => {
    const created = createEgressClient(options);
    clients.push(created);
    return created;
  };

  test('reads title and text of a page allowed by the egress allowlist', async () => {
    const context = contextWith(client({ allowHosts: ['127.0.0.1'] }));
    const result = (await webReader.run({ url: `${base}/page` }, context)) as { title: string; text: string; truncated: boolean; url: string };
    expect(result.title).toBe('Opening & hours');
    expect(result.text).toContain('SHOP');
    expect(result.text).toContain('Open 9 to 5, see more.');
    for (const hidden of ['alert', 'color:red', 'Menu', 'Footer', '/x', 'a.png']) expect(result.text).not.toContain(hidden);
    expect(result).toMatchObject({ url: `${base}/page`, truncated: false });
  });

  test('cuts long text, refuses what is not a page and reports HTTP errors', async () => {
    const context = contextWith(client({ allowHosts: ['127.0.0.1'] }));
    const long = (await webReader.run({ url: `${base}/long`, maxCharacters: 100 }, context)) as { text: string; truncated: boolean };
    expect(long.text).toHaveLength(100);
    expect(long.truncated).toBe(true);
    await expect(webReader.run({ url: `${base}/image` }, context)).rejects.toThrow('image/png, not a readable page');
    await expect(webReader.run({ url: `${base}/missing` }, context)).rejects.toThrow('answered HTTP 404');
  });

  test('refuses 127.0.0.1 under the default egress settings', async () => {
    const context = contextWith(client({}));
    await expect(webReader.run({ url: `${base}/page` }, context)).rejects.toMatchObject({ code: 'egress_blocked' });
  });

  test('its input schema takes http(s) URLs only', () => {
    expect(webReader.inputSchema.safeParse({ url: 'file:///etc/passwd' }).success).toBe(false);
    expect(webReader.inputSchema.safeParse({ url: 'https://example.com' }).success).toBe(true);
  });
});
