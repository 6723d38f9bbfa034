/**
 * Words for PostgreSQL's full-text index, made here so that Chinese works without a server-side parser (none ships
 * with PostgreSQL, PGlite or the pgvector image). Latin, Cyrillic and other spaced scripts give lowercased words;
 * runs of Han characters (and kana, hangul) give overlapping bigrams plus the single characters of one-character
 * runs, the usual approach of CJK search engines without a dictionary: "知识库" → "知识 识库". Indexed and queried
 * with the 'simple' configuration, which keeps these words as they are.
 *
 * English plurals are folded (Harman's S-stemmer: "passwords" → "password", "policies" → "policy", "minutes" →
 * "minute"), as the 'simple' configuration has no stemmer; it is the most conservative stemmer there is, so it
 * merges few words that differ in meaning. Questions drop function words ("how do I ..."): an OR query would
 * otherwise match nearly every English passage on "the", and count it in a passage's share of the question.
 */
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** PostgreSQL refuses words over 2047 bytes; nothing useful is that long. */
const MAX_WORD = 64;
const MAX_QUERY_WORDS = 64;

function* words(text: string): Generator<string> {
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
    const run = match[0];
    if (!CJK.test(run)) {
      if (run.length <= MAX_WORD) yield run.replace(/['’]/g, '');
      continue;
    }
    const characters = [...run];
    if (characters.length === 1) {
      yield run;
      continue;
    }
    for (let index = 0; index + 1 < characters.length; index += 1) yield `${characters[index]}${characters[index + 1]}`;
  }
}

/** Harman's S-stemmer (1991), for English words of four letters or more; any other word is kept as it is. */
export function stem(word: string): string {
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith('ies') && !word.endsWith('eies') && !word.endsWith('aies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('es') && !/[aeo]es$/.test(word)) return word.slice(0, -1);
  if (word.endsWith('s') && !word.endsWith('us') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Words that say how a question is asked, not what it is about (English function words, Chinese question words). */
const QUESTION_STOP_WORDS = new Set(
  [
    'a an the and or but of to in on at for with by from as into about than then so if',
    'is are was were be been am do does did have has had get got can could should would will may might must',
    'how what when where which who whom why whose',
    'i me my mine we us our you your it its this that these those there here any some',
    '怎么 怎样 如何 什么 哪些 哪里 哪个 为什 是否 请问 吗',
  ]
    .join(' ')
    .split(' '),
);

/** The text the chunk's tsvector is built from. */
export function searchText(content: string): string {
  return [...words(content)].map(stem).join(' ');
}

/**
 * A tsquery for a user's question: any of its words (OR), ranked by ts_rank_cd so chunks with more of them come
 * first. Words are quoted lexemes, so nothing in the question is read as tsquery syntax. null when it has no words.
 */
export function searchQuery(query: string): string | null {
  const unique = queryWords(query);
  if (unique.length === 0) return null;
  return unique.map(quotedLexeme).join(' | ');
}

/** A word as a tsquery lexeme in quotes, so nothing in it is read as tsquery syntax. */
export function quotedLexeme(word: string): string {
  return `'${word.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;
}

/**
 * The distinct words of a question as searchQuery ORs them, and the denominator of a passage's share of them:
 * without its function words, unless it has nothing else ("what is it?"); the first 64 of a long one (a pasted
 * paragraph), as each word costs a test on every passage that matches any.
 */
export function queryWords(query: string): string[] {
  const all = [...words(query)];
  const meaningful = all.filter((word) => !QUESTION_STOP_WORDS.has(word));
  return [...new Set((meaningful.length === 0 ? all : meaningful).map(stem))].slice(0, MAX_QUERY_WORDS);
}
