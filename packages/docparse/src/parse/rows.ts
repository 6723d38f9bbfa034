const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

/**
 * Renders a table whose first record holds the column names as one line per data row,
 * `Name: Tea; Price: 3`, so that any row found alone still says what its values are. Empty cells are left out;
 * line breaks inside a value become spaces, so that a line is always a whole row.
 */
export function renderRecords(records: string[][]): string {
  const [header = [], ...rows] = records.map((record) => record.map(oneLine));
  const names = header.map((name, index) => (name === '' ? `Column ${index + 1}` : name));
  // A sheet of one row has nothing to name: it is shown as it is.
  if (rows.length === 0) return header.filter((value) => value !== '').join('; ');
  return rows
    .map((values) =>
      values
        .map((value, index) => (value === '' ? '' : `${names[index] ?? `Column ${index + 1}`}: ${value}`))
        .filter((pair) => pair !== '')
        .join('; '),
    )
    .filter((line) => line !== '')
    .join('\n');
}
