import { AppError, validationFailed } from '@astron/kit/errors';
import type { InputFile } from '../files/file-links.js';
import { sniffAudio, sniffImage, type FileKind } from '../files/sniff.js';
import type { ToolContext } from './define-tool.js';

/** The file of a call: the multipart upload, or the one at `inputs.<field>`; exactly one of them. */
export async function inputFile(url: string | undefined, field: string, context: ToolContext): Promise<InputFile> {
  if (context.upload !== null && url !== undefined) {
    throw validationFailed(`inputs.${field}: give the file either as a URL or as the multipart field "file", not both`, [{ field: `inputs.${field}`, message: 'given together with an uploaded file' }]);
  }
  if (context.upload !== null) return context.upload;
  if (url !== undefined) return context.readFile(url);
  throw validationFailed(`inputs.${field}: required (or upload the file as the multipart field "file")`, [{ field: `inputs.${field}`, message: 'required' }]);
}

function unsupported(file: InputFile, wanted: string): AppError {
  return new AppError({
    code: 'unsupported_file_type',
    status: 415,
    message: `${file.name} (${file.contentType}, ${file.bytes.length} bytes) is not ${wanted}`,
    details: { name: file.name, contentType: file.contentType },
  });
}

/** The kind of an input image by its bytes, whatever its name or declared type says. */
export function imageKindOf(file: InputFile): FileKind {
  const kind = sniffImage(file.bytes);
  if (kind === null) throw unsupported(file, 'a PNG, JPEG, WebP or GIF image');
  return kind;
}

export function audioKindOf(file: InputFile): FileKind {
  const kind = sniffAudio(file.bytes);
  if (kind === null) throw unsupported(file, 'a WAV, MP3, Ogg (Opus, Vorbis), FLAC, M4A or WebM audio file');
  return kind;
}
