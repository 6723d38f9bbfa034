import type { ChatMessage, ChatRequest } from './types.js';

const longestPiece = 8;
const messageOverheadTokens = 3;

/**
 * The fake's notion of a token: a word with the whitespace after it, and words longer than 8 characters
 * cut into 8-character pieces (JSON arguments, which have no spaces, stream in pieces too).
 * The pieces joined give back the text exactly; usage counts these pieces.
 */
export function splitIntoTokens(text: string): string[] {
  const pieces: string[] = [];
  for (const [, word = '', space = ''] of text.matchAll(/(\S*)(\s*)/g)) {
    if (word === '' && space === '') continue;
    for (let start = 0; start < word.length; start += longestPiece) {
      const piece = word.slice(start, start + longestPiece);
      pieces.push(start + longestPiece >= word.length ? piece + space : piece);
    }
    if (word === '') pieces.push(space);
  }
  return pieces;
}

export function countTokens(text: string): number {
  return splitIntoTokens(text).length;
}

/** The text of a message: a string content, or the text parts of a multi-part content. */
export function messageText(message: ChatMessage): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (typeof part.text === 'string' ? part.text : ''))
    .filter((text) => text !== '')
    .join('\n');
}

/** The text of the last user message, '' when there is none (handy in matchers). */
export function lastUserText(request: ChatRequest): string {
  const lastUser = request.messages.findLast((message) => message.role === 'user');
  return lastUser === undefined ? '' : messageText(lastUser);
}

/** Token pieces of every message's text and tool call arguments, plus 3 per message as OpenAI counts. */
export function countPromptTokens(messages: ChatMessage[]): number {
  let total = 0;
  for (const message of messages) {
    total += messageOverheadTokens + countTokens(messageText(message));
    for (const call of message.tool_calls ?? []) {
      total += countTokens(call.function?.arguments ?? '');
    }
  }
  return total;
}
