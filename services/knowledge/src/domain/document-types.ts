import type { DocumentType } from '@astron/docparse';

const formats: Record<DocumentType, { contentType: string; extensions: string[] }> = {
  pdf: { contentType: 'application/pdf', extensions: ['.pdf'] },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'] },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.xlsx'] },
  html: { contentType: 'text/html; charset=utf-8', extensions: ['.html', '.htm'] },
  markdown: { contentType: 'text/markdown; charset=utf-8', extensions: ['.md', '.markdown'] },
  csv: { contentType: 'text/csv; charset=utf-8', extensions: ['.csv'] },
  text: { contentType: 'text/plain; charset=utf-8', extensions: ['.txt'] },
};

/** The content type a document of this (sniffed) type is stored and sent with. */
export const contentTypeOf = (type: string): string => formats[type as DocumentType]?.contentType ?? 'application/octet-stream';

/**
 * The name with an extension that matches its type: RAGFlow picks its parser by extension, and pasted text or a
 * URL may have none (or a misleading one: the bytes decide the type here).
 */
export function nameWithExtension(name: string, type: string): string {
  const extensions = formats[type as DocumentType]?.extensions ?? [];
  if (extensions.length === 0 || extensions.some((extension) => name.toLowerCase().endsWith(extension))) return name;
  return `${name}${extensions[0] ?? ''}`;
}
