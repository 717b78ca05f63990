import Papa from "papaparse";

export interface ExportColumn<T> {
  header: string;
  value: (row: T) => string | number | null;
}

/**
 * Writes rows as CSV for download. Cells that a spreadsheet would run as a formula
 * (starting with = + - @, tab or carriage return) are prefixed with ' by papaparse.
 */
export function toCsv<T>(rows: readonly T[], columns: readonly ExportColumn<T>[]): string {
  return Papa.unparse(
    {
      fields: columns.map((c) => c.header),
      data: rows.map((row) => columns.map((c) => c.value(row) ?? "")),
    },
    { escapeFormulae: true, newline: "\r\n" },
  );
}
