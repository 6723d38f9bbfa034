/** RFC 4180 records: quoted fields may hold delimiters, doubled quotes and line breaks; CRLF, LF or CR end a record. */
export function readCsv(text: string, delimiter: string, maxRecords = Infinity): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let index = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    // A blank line is no record at all.
    if (record.length > 1 || record[0] !== '') records.push(record);
    record = [];
  };
  while (index < text.length && records.length < maxRecords) {
    const character = text[index] as string;
    index += 1;
    if (quoted) {
      if (character !== '"') field += character;
      else if (text[index] === '"') {
        field += '"';
        index += 1;
      } else quoted = false;
    } else if (character === '"' && field === '') quoted = true;
    else if (character === delimiter) endField();
    else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[index] === '\n') index += 1;
      endRecord();
    } else field += character;
  }
  if (records.length < maxRecords && (field !== '' || record.length > 0)) endRecord();
  return records;
}

const DELIMITERS = [',', '\t', ';'] as const;
const SAMPLE_CHARACTERS = 64 * 1024;
const SAMPLE_RECORDS = 50;

/**
 * The delimiter under which the start of `text` reads as a table: at least two records, all with the same number
 * of fields, at least two. Ties go to the delimiter giving more columns. Undefined when none does.
 */
export function detectDelimiter(text: string): string | undefined {
  const cut = text.length > SAMPLE_CHARACTERS;
  const sample = text.slice(0, SAMPLE_CHARACTERS);
  let best: { delimiter: string; columns: number } | undefined;
  for (const delimiter of DELIMITERS) {
    const records = readCsv(sample, delimiter, SAMPLE_RECORDS + 1);
    // The last record of a cut sample may itself be cut.
    const whole = cut || records.length > SAMPLE_RECORDS ? records.slice(0, -1) : records;
    const columns = whole[0]?.length ?? 0;
    if (whole.length < 2 || columns < 2 || whole.some((fields) => fields.length !== columns)) continue;
    if (best === undefined || columns > best.columns) best = { delimiter, columns };
  }
  return best?.delimiter;
}
