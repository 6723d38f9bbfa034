/** Document writers for tests and benchmarks: PDFs with text, Word and Excel files (`@astron/docparse/testing`). */
export { writePdf, type PdfFixture } from './pdf-writer.js';
export { writeDocx, writeXlsx, type DocxBlock, type XlsxSheet } from './office-writers.js';
