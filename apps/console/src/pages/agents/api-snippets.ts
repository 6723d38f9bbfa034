/** Ready-to-run examples of calling a published agent through /v1, one per client. */
export type SnippetLanguage = 'curl' | 'python' | 'typescript';

export const SNIPPET_LANGUAGES: SnippetLanguage[] = ['curl', 'python', 'typescript'];

export const KEY_PLACEHOLDER = '<your API key>';

/** What the examples pass as `model`: the alias when the agent has one (it outlives a rebuilt agent), else the id. */
export function modelName(agent: { id: string; alias: string | null }): string {
  return agent.alias ?? agent.id;
}

export function apiSnippet(
  language: SnippetLanguage,
  baseUrl: string,
  model: string,
  question: string,
): string {
  const json = JSON.stringify;
  switch (language) {
    case 'curl':
      return [
        `curl ${baseUrl}/chat/completions \\`,
        `  -H "Authorization: Bearer ${KEY_PLACEHOLDER}" \\`,
        `  -H "Content-Type: application/json" \\`,
        `  -d '${json({ model, stream: false, messages: [{ role: 'user', content: question }] }).replace(/'/g, "'\\''")}'`,
      ].join('\n');
    case 'python':
      return [
        'from openai import OpenAI',
        '',
        `client = OpenAI(base_url=${json(baseUrl)}, api_key=${json(KEY_PLACEHOLDER)})`,
        '',
        'stream = client.chat.completions.create(',
        `    model=${json(model)},`,
        `    messages=[{"role": "user", "content": ${json(question)}}],`,
        '    stream=True,',
        ')',
        'for chunk in stream:',
        '    if chunk.choices and chunk.choices[0].delta.content:',
        '        print(chunk.choices[0].delta.content, end="", flush=True)',
      ].join('\n');
    case 'typescript':
      return [
        "import OpenAI from 'openai';",
        '',
        `const client = new OpenAI({ baseURL: ${json(baseUrl)}, apiKey: ${json(KEY_PLACEHOLDER)} });`,
        '',
        'const stream = await client.chat.completions.create({',
        `  model: ${json(model)},`,
        `  messages: [{ role: 'user', content: ${json(question)} }],`,
        '  stream: true,',
        '});',
        'for await (const chunk of stream) {',
        "  process.stdout.write(chunk.choices[0]?.delta?.content ?? '');",
        '}',
      ].join('\n');
  }
}
