/**
 * Turns the bytes of a text file into a string, or says they are not text. UTF-8 (with or without a BOM) and
 * UTF-16 with a BOM are text; so is GB18030 (which covers GBK and GB2312), as Chinese Windows still saves
 * .txt and .csv files in it. Anything with NUL bytes, or too many control characters, is binary.
 */
export type DecodedText = { text: string } | { binary: true };

/** More than this share of control characters (other than tab, line breaks, form feed, escape) means binary. */
const CONTROL_SHARE = 0.01;

function isControl(code: number): boolean {
  return code < 0x09 || (code >= 0x0e && code < 0x20 && code !== 0x1b) || code === 0x7f;
}

function decode(encoding: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function looksLikeText(text: string): boolean {
  const sample = text.slice(0, 64 * 1024);
  if (sample.includes('\u0000')) return false;
  let controls = 0;
  for (let index = 0; index < sample.length; index += 1)
    if (isControl(sample.charCodeAt(index))) controls += 1;
  return controls <= sample.length * CONTROL_SHARE;
}

function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  const bom = byteOrderMark(bytes);
  let text: string | undefined;
  if (bom !== undefined) text = decode(bom.encoding, bytes.subarray(bom.length));
  else if (!bytes.includes(0)) text = decode('utf-8', bytes) ?? decode('gb18030', bytes);
  return text !== undefined && looksLikeText(text) ? { text } : { binary: true };
}
