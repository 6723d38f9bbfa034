// Document parsing and chunking for the knowledge service (packages/docparse), in process, embedding excluded:
// pages per second for parse + chunk (recursive, 512 tokens, 64 overlap) of a generated 100-page PDF, a large
// Markdown handbook, the same handbook as HTML, and a Chinese text. For documents without pages a page is
// counted as 3,000 characters (about 500 English words); the Chinese text uses 1,000 characters per page.
// Needs the built package: `npx tsc -b packages/docparse` (npm run bench builds everything first).
import { chunkDocument, parseDocument } from '../packages/docparse/dist/index.js';
import { writePdf } from '../packages/docparse/dist/testing/pdf-writer.js';
import { summarize, writeResult } from './lib.mjs';

const progress = (line) => process.stderr.write(`knowledge-parse: ${line}\n`);
const RUNS = 5;

let seed = 2024;
function random(limit) {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return (seed >> 8) % limit;
}
const syllables = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ra',
  'to',
  'su',
  'vi',
  'den',
  'mar',
  'pol',
  'quin',
  'ster',
  'gra',
  'fen',
  'tal',
];
const vocabulary = Array.from({ length: 400 }, () =>
  Array.from({ length: 1 + random(3) }, () => syllables[random(syllables.length)]).join(''),
);
const word = () => vocabulary[random(vocabulary.length)];
const sentence = () => {
  const words = Array.from({ length: 6 + random(14) }, word);
  return `${words[0][0].toUpperCase()}${words.join(' ').slice(1)}.`;
};
const paragraph = () => Array.from({ length: 3 + random(5) }, sentence).join(' ');

/** A page of about 46 lines of 90 characters, as a report set in 11-point Helvetica would have. */
function pdfPage() {
  const lines = [];
  while (lines.length < 46) {
    const text = paragraph();
    for (let at = 0; at < text.length; at += 90) lines.push(text.slice(at, at + 90));
    lines.push('');
  }
  return lines.slice(0, 46);
}

function handbook(sections) {
  const parts = [];
  for (let chapter = 1; chapter <= sections / 5; chapter += 1) {
    parts.push({ level: 1, title: `Chapter ${chapter} ${word()}` });
    for (let section = 1; section <= 5; section += 1) {
      parts.push({
        level: 2,
        title: `${chapter}.${section} ${word()} ${word()}`,
        paragraphs: Array.from({ length: 3 + random(4) }, paragraph),
      });
      if (section === 3)
        parts.push({
          level: 3,
          title: 'Figures',
          table: Array.from({ length: 12 }, (_, row) => [word(), String(row * 7), String(random(1000))]),
        });
    }
  }
  return parts;
}

function asMarkdown(parts) {
  return parts
    .map((part) => {
      const heading = `${'#'.repeat(part.level)} ${part.title}`;
      if (part.table)
        return `${heading}\n\n| Item | Code | Amount |\n|---|---|---|\n${part.table.map((row) => `| ${row.join(' | ')} |`).join('\n')}`;
      return `${heading}\n\n${(part.paragraphs ?? []).join('\n\n')}`;
    })
    .join('\n\n');
}

function asHtml(parts) {
  const body = parts
    .map((part) => {
      const heading = `<h${part.level}>${part.title}</h${part.level}>`;
      if (part.table)
        return `${heading}<table><thead><tr><th>Item</th><th>Code</th><th>Amount</th></tr></thead><tbody>${part.table.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
      return `${heading}\n${(part.paragraphs ?? []).map((text) => `<p>${text}</p>`).join('\n')}`;
    })
    .join('\n');
  return `<!DOCTYPE html><html><head><title>Handbook</title><style>body { font: 14px sans-serif }</style></head><body><nav><a href="/">Home</a></nav>${body}<footer>(c)</footer></body></html>`;
}

function chineseText(pages) {
  const characters =
    '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';
  const punctuation = '，，，，。；！？';
  let text = '';
  while (text.length < pages * 1000) {
    for (let index = 8 + random(20); index > 0; index -= 1) text += characters[random(characters.length)];
    const mark = punctuation[random(punctuation.length)];
    text += mark;
    if (mark === '。' && random(6) === 0) text += '\n\n';
  }
  return text;
}

async function measure(label, bytes, options, pages) {
  const once = async () => {
    const started = performance.now();
    const parsed = await parseDocument(bytes, options);
    const parsedAt = performance.now();
    const chunks = chunkDocument(parsed, { mode: 'recursive', maxTokens: 512, overlapTokens: 64 });
    const done = performance.now();
    return { parseMs: parsedAt - started, chunkMs: done - parsedAt, totalMs: done - started, chunks };
  };
  const first = await once();
  const samples = [];
  for (let run = 0; run < RUNS; run += 1) samples.push(await once());
  const total = summarize(samples.map((sample) => sample.totalMs));
  const result = {
    document: label,
    bytes: bytes.length,
    pages,
    chunks: first.chunks.length,
    tokens: first.chunks.reduce((sum, chunk) => sum + chunk.tokens, 0),
    firstRunMs: Math.round(first.totalMs),
    parseMs: summarize(samples.map((sample) => sample.parseMs)),
    chunkMs: summarize(samples.map((sample) => sample.chunkMs)),
    totalMs: total,
    pagesPerSecond: Math.round((pages / total.p50) * 1000),
  };
  progress(
    `${label}: ${result.pagesPerSecond} pages/s (p50 ${total.p50} ms for ${pages} pages, ${result.chunks} chunks)`,
  );
  return result;
}

const encode = (text) => new TextEncoder().encode(text);
const parts = handbook(150);
const markdown = asMarkdown(parts);
const html = asHtml(parts);
const chinese = chineseText(100);
const pdf = writePdf({ title: 'Generated report', pages: Array.from({ length: 100 }, pdfPage) });

const documents = [
  await measure('pdf, 100 pages', pdf, { name: 'report.pdf' }, 100),
  await measure(
    'markdown handbook',
    encode(markdown),
    { name: 'handbook.md' },
    Math.round(markdown.length / 3000),
  ),
  await measure('html handbook', encode(html), { name: 'handbook.html' }, Math.round(markdown.length / 3000)),
  await measure('chinese text', encode(chinese), { name: 'manual.txt' }, 100),
];
writeResult('knowledge-parse', {
  unit: 'ms',
  setup: `in process, parse + chunk (recursive, 512 tokens, 64 overlap), median of ${RUNS} runs after one untimed-for-median first run (firstRunMs: lazy imports and the token table included)`,
  documents,
});
