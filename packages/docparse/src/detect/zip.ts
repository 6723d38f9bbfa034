/**
 * Reads the names and declared sizes of a ZIP's entries without unpacking anything, to tell Word from Excel from
 * other archives, and to refuse archives that claim to expand to far more than any real document.
 */
export interface ZipListing {
  entries: string[];
  /** Sum of the uncompressed sizes the archive declares. */
  unpackedBytes: number;
  /** False when the central directory was missing (a truncated upload): entries are then a best effort. */
  complete: boolean;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

function findEndOfDirectory(view: DataView): number | undefined {
  const earliest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= earliest; at -= 1) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  return undefined;
}

function readDirectory(bytes: Uint8Array, view: DataView, end: number): ZipListing | undefined {
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: string[] = [];
  let unpackedBytes = 0;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > view.byteLength || view.getUint32(at, true) !== DIRECTORY_ENTRY) return undefined;
    const nameLength = view.getUint16(at + 28, true);
    unpackedBytes += view.getUint32(at + 24, true);
    entries.push(Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString('utf8'));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return { entries, unpackedBytes, complete: true };
}

/**
 * Without a central directory (a truncated upload) the local headers are found by their signature, which also
 * finds entries written with a data descriptor; a stray match inside compressed data only adds a junk name.
 */
function scanLocalHeaders(bytes: Uint8Array, view: DataView): ZipListing {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: string[] = [];
  let unpackedBytes = 0;
  for (
    let at = buffer.indexOf('PK\x03\x04', 0, 'latin1');
    at >= 0 && at + 30 <= bytes.length;
    at = buffer.indexOf('PK\x03\x04', at + 4, 'latin1')
  ) {
    const nameLength = view.getUint16(at + 26, true);
    entries.push(buffer.toString('utf8', at + 30, Math.min(bytes.length, at + 30 + nameLength)));
    unpackedBytes += view.getUint32(at + 22, true);
  }
  return { entries, unpackedBytes, complete: false };
}

export function listZip(bytes: Uint8Array): ZipListing {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = view.byteLength >= 22 ? findEndOfDirectory(view) : undefined;
  const listing = end === undefined ? undefined : readDirectory(bytes, view, end);
  return listing ?? scanLocalHeaders(bytes, view);
}

/** The `mimetype` entry OpenDocument and EPUB files store first and uncompressed. */
export function storedMimeType(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 30 || view.getUint32(0, true) !== LOCAL_HEADER || view.getUint16(8, true) !== 0)
    return undefined;
  const nameLength = view.getUint16(26, true);
  const dataStart = 30 + nameLength + view.getUint16(28, true);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.toString('latin1', 30, 30 + nameLength) !== 'mimetype') return undefined;
  return buffer.toString('latin1', dataStart, Math.min(bytes.length, dataStart + view.getUint32(18, true)));
}
