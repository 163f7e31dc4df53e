import { stringify } from 'csv-stringify/sync';
import { DETAIL_COLUMNS, type StatsRow } from './stats.figures.ts';
import type { StatsColumns } from './stats.messages.ts';

// The report's rows as CSV (csv-stringify): the detail table's columns, headed in the reader's
// language, with machine-readable values (dot decimals, fill rate 0–1, empty for no value).

/** A name a spreadsheet would run as a formula (=, +, -, @ first) is kept as text: a quote before it. */
const asText = (name: string) => (/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);

/** The CSV text of the rows, a header line first; semicolons, as French spreadsheets expect. */
export function statsCsv(rows: StatsRow[], columns: StatsColumns): string {
  const records = rows.map((row) =>
    DETAIL_COLUMNS.map((column) => {
      if (column === 'site') return asText(row.siteName);
      if (column === 'procedure') return asText(row.procedureTitle);
      const value = row[column];
      return value === null ? '' : String(value);
    }),
  );
  return stringify(records, {
    header: true,
    columns: DETAIL_COLUMNS.map((column) => columns[column]),
    delimiter: ';',
    bom: true,
  });
}
