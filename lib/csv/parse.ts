import Papa from "papaparse";

/** One problem found in a data file, located for a human: file, 1-based line and column. */
export interface CsvProblem {
  file: string;
  line: number;
  /** 1-based column number, when the problem belongs to one cell. */
  column?: number;
  /** Header name of that column, when known. */
  columnName?: string;
  /** What `line` counts: a line of text (CSV, the default) or a data row (Parquet). */
  locator?: "line" | "row";
  message: string;
}

export function formatProblem(p: CsvProblem): string {
  // Line 0: the problem is the whole file's (e.g. a Parquet footer), not one place in it.
  const at =
    p.line === 0 ? "" : `${p.locator ?? "line"} ${p.locator === "row" ? p.line.toLocaleString("en-US") : p.line}`;
  const where = p.column === undefined ? at : `${at}, column ${p.column}`;
  const name = p.columnName ? `(${p.columnName})` : "";
  const place = [where, name].filter((s) => s !== "").join(" ");
  return place === "" ? `${p.file}: ${p.message}` : `${p.file}: ${place}: ${p.message}`;
}

/** Thrown when a data file cannot be used as it is. The message lists the first problems. */
export class DataFileError extends Error {
  readonly problems: CsvProblem[];

  constructor(problems: CsvProblem[], shown = 10) {
    const head = problems.slice(0, shown).map(formatProblem);
    const more = problems.length > shown ? [`…and ${problems.length - shown} more problems`] : [];
    super([`${problems.length} problem${problems.length === 1 ? "" : "s"} in data:`, ...head, ...more].join("\n"));
    this.name = "DataFileError";
    this.problems = problems;
  }
}

export interface CsvTable {
  file: string;
  header: string[];
  /** Data rows (blank lines left out), each an array of fields. */
  rows: string[][];
  /** lines[i]: the 1-based line on which rows[i] starts. */
  lines: Int32Array;
  delimiter: string;
  /** Structural problems (broken quotes). Rows are still returned as papaparse read them. */
  problems: CsvProblem[];
}

export interface ParseCsvOptions {
  /** Force a delimiter; by default papaparse detects it from the first lines. */
  delimiter?: string;
}

const BOM = 0xfeff;

/**
 * Splits CSV text into a header and rows with the line each row starts on.
 * Handles BOM, CRLF/LF/CR, quoted delimiters and quoted newlines; blank lines are skipped.
 */
export function parseCsv(text: string, file: string, options: ParseCsvOptions = {}): CsvTable {
  const body = text.charCodeAt(0) === BOM ? text.slice(1) : text;
  const result = Papa.parse<string[]>(body, {
    header: false,
    skipEmptyLines: false,
    delimiter: options.delimiter ?? detectDelimiter(body),
  });

  // Flat arrays, not an object per row: metadata files have 100k+ rows and this is the hot path.
  const data = result.data;
  let header: string[] | null = null;
  const rows: string[][] = [];
  const lines = new Int32Array(data.length);
  const lineOfRow = new Int32Array(data.length);
  // Only a quoted field can span lines; a file without quotes needs no scan of its fields.
  const mayHaveQuotedNewlines = body.includes('"');
  let line = 1;
  for (let r = 0; r < data.length; r++) {
    const fields = data[r]!;
    lineOfRow[r] = line;
    if (fields.length > 1 || fields[0]!.trim() !== "") {
      if (header === null) header = fields;
      else {
        lines[rows.length] = line;
        rows.push(fields);
      }
    }
    line += 1;
    if (mayHaveQuotedNewlines) {
      for (const field of fields) if (field.length > 0 && field.includes("\n")) line += countNewlines(field);
    }
  }

  const problems: CsvProblem[] = [];
  for (const error of result.errors) {
    if (error.type === "Delimiter") continue; // a one-column file: papaparse falls back to ","
    const at = error.row === undefined || error.row >= lineOfRow.length ? line : lineOfRow[error.row]!;
    problems.push({ file, line: at, message: describePapaError(error) });
  }

  return {
    file,
    header: header ? header.map((h) => h.trim()) : [],
    rows,
    lines: lines.subarray(0, rows.length),
    delimiter: result.meta.delimiter,
    problems,
  };
}

/** papaparse's own guess, made on the first lines with blank lines left out (they defeat it). */
export function detectDelimiter(text: string): string {
  return sniffCsv(text).delimiter;
}

/**
 * The delimiter and line break, guessed by papaparse from the first lines (blank lines left out: they
 * defeat the delimiter guess). A file read in chunks needs the line break fixed up front, since
 * papaparse would otherwise guess it from a first chunk that may not hold a whole line.
 */
export function sniffCsv(text: string): { delimiter: string; newline: "\n" | "\r\n" | "\r" } {
  const meta = Papa.parse(text.slice(0, 64 * 1024), { preview: 20, skipEmptyLines: true }).meta;
  return {
    delimiter: meta.delimiter,
    newline: meta.linebreak === "\r\n" || meta.linebreak === "\r" ? meta.linebreak : "\n",
  };
}

export function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n += 1;
  return n;
}

export function describePapaError(error: Papa.ParseError): string {
  switch (error.code) {
    case "MissingQuotes":
      return "a quoted field is never closed (expected a closing double quote)";
    case "InvalidQuotes":
      return "a double quote inside an unquoted field (expected the whole field in quotes, with inner quotes doubled)";
    default:
      return error.message;
  }
}
