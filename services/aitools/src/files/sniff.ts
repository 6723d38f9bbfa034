/** What a file is: the content type it is stored and served with, and the extension of its name. */
export interface FileKind {
  contentType: string;
  extension: string;
}

const startsWith = (bytes: Buffer, magic: number[] | string, offset = 0) => {
  const expected = typeof magic === 'string' ? Buffer.from(magic, 'latin1') : Buffer.from(magic);
  return bytes.length >= offset + expected.length && bytes.subarray(offset, offset + expected.length).equals(expected);
};

/**
 * PNG, JPEG, WebP or GIF by their magic bytes. Only these are stored and served as images, whatever a provider or a
 * remote server declares, so a stored "image" can never be served as HTML or SVG.
 */
export function sniffImage(bytes: Buffer): FileKind | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { contentType: 'image/png', extension: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', extension: 'jpg' };
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8)) return { contentType: 'image/webp', extension: 'webp' };
  if (startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a')) return { contentType: 'image/gif', extension: 'gif' };
  return null;
}

/** The audio containers speech-to-text providers take, by their magic bytes (they tell the format by the name's extension). */
export function sniffAudio(bytes: Buffer): FileKind | null {
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WAVE', 8)) return { contentType: 'audio/wav', extension: 'wav' };
  if (startsWith(bytes, 'ID3') || (bytes.length > 1 && bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe6) === 0xe2)) return { contentType: 'audio/mpeg', extension: 'mp3' };
  if (startsWith(bytes, 'OggS')) return { contentType: 'audio/ogg', extension: 'ogg' };
  if (startsWith(bytes, 'fLaC')) return { contentType: 'audio/flac', extension: 'flac' };
  if (startsWith(bytes, 'ftyp', 4)) return { contentType: 'audio/mp4', extension: 'm4a' };
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return { contentType: 'audio/webm', extension: 'webm' };
  return null;
}
