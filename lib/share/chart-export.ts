import Papa from "papaparse";

export interface ChartExportData {
  /** Title, filters and source: written at the top of every exported file. */
  meta: string[];
  header: string[];
  rows: (string | number)[][];
  filename: string;
}

/** The figures of a chart as CSV: the meta lines, a blank line, then the table; formula cells neutralised. */
export function chartCsv(data: ChartExportData): string {
  return Papa.unparse([...data.meta.map((m) => [m]), [], data.header, ...data.rows], {
    escapeFormulae: true,
    newline: "\r\n",
  });
}
