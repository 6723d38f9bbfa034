/**
 * Binary formats people upload by mistake, named so that the refusal says what the file is. Formats whose
 * signature could also begin a text file ("MZ", "BM") are left to the binary-data check instead.
 */
interface Signature {
  bytes: number[];
  offset?: number;
  found: string;
}

const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));

const SIGNATURES: Signature[] = [
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    found:
      'a legacy Office document (.doc, .xls, .ppt) or a password-protected Office file; save it without a password as .docx or .xlsx',
  },
  { bytes: ascii('{\\rtf'), found: 'an RTF document; save it as .docx' },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], found: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], found: 'a JPEG image' },
  { bytes: ascii('GIF87a'), found: 'a GIF image' },
  { bytes: ascii('GIF89a'), found: 'a GIF image' },
  { bytes: ascii('WEBP'), offset: 8, found: 'a WebP image' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], found: 'a TIFF image' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], found: 'a TIFF image' },
  { bytes: ascii('ftyp'), offset: 4, found: 'a video or HEIC image' },
  { bytes: ascii('WAVE'), offset: 8, found: 'an audio file' },
  { bytes: ascii('ID3'), found: 'an audio file' },
  { bytes: ascii('OggS'), found: 'an audio file' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], found: 'an executable program' },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], found: 'an executable program' },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], found: 'an executable program' },
  { bytes: [0x00, 0x61, 0x73, 0x6d], found: 'a WebAssembly module' },
  { bytes: [0x1f, 0x8b], found: 'a gzip archive' },
  { bytes: ascii('Rar!'), found: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], found: 'a 7-Zip archive' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], found: 'an xz archive' },
  { bytes: ascii('ustar'), offset: 257, found: 'a tar archive' },
  { bytes: ascii('SQLite format 3'), found: 'an SQLite database' },
];

function startsWith(bytes: Uint8Array, expected: number[], offset: number): boolean {
  if (bytes.length < offset + expected.length) return false;
  return expected.every((byte, index) => bytes[offset + index] === byte);
}

/** What a known binary file is, or undefined. Windows executables ("MZ") count only with a NUL byte early on. */
export function knownBinary(bytes: Uint8Array): string | undefined {
  const match = SIGNATURES.find((signature) => startsWith(bytes, signature.bytes, signature.offset ?? 0));
  if (match !== undefined) return match.found;
  if (startsWith(bytes, ascii('MZ'), 0) && bytes.subarray(0, 512).includes(0)) return 'a Windows program';
  return undefined;
}

/** pdf.js accepts a header anywhere in the first kilobyte, as readers do; so do we. */
export function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).includes(
    '%PDF-',
    0,
    'latin1',
  );
}

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    [0x0304, 0x0506, 0x0708].includes(((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0))
  );
}
