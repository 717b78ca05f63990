import { parquetMetadataAsync, parquetSchema, type AsyncBuffer, type FileMetaData } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { DataFileError } from "@/lib/csv/parse";
import { openFlatColumn, type PageCells } from "@/lib/metadata/parquet-flat";
import {
  createSummarizer,
  specColumns,
  type metadataSpecSchema,
  type SummarizeOptions,
  type Summarizer,
} from "@/lib/metadata/summarize";
import type { z } from "zod";

/**
 * Reads Parquet metadata files for the same summarizer as CSV: each value becomes the text a CSV
 * would hold, so roles, encodings and problems are shared. Pure: the caller hands over an
 * AsyncBuffer (a browser File in the worker, a file on disk in Node), and only the mapped columns
 * are read, one row group at a time.
 */

export interface ParquetTable {
  file: string;
  buffer: AsyncBuffer;
  metadata: FileMetaData;
  /** Top-level columns a summary can use: one plain value per row. */
  header: string[];
  /** Top-level columns that hold lists, maps or structs. */
  nested: string[];
  rows: number;
  rowGroups: number;
}

const MAGIC = "PAR1";

function fail(file: string, message: string): never {
  throw new DataFileError([{ file, line: 0, locator: "row", message }]);
}

export function isParquetName(name: string): boolean {
  return /\.parquet$/i.test(name) || /\.parq$/i.test(name);
}

/** A browser File or Blob as hyparquet's AsyncBuffer: bytes are read only where asked. */
export function blobBuffer(blob: Blob): AsyncBuffer {
  return { byteLength: blob.size, slice: (start, end) => blob.slice(start, end).arrayBuffer() };
}

/** Reads and checks the footer: the columns, how many rows, how many row groups. */
export async function openParquet(buffer: AsyncBuffer, file: string): Promise<ParquetTable> {
  if (buffer.byteLength < 12) fail(file, `the file is ${buffer.byteLength} bytes: too small to be Parquet`);
  const head = new Uint8Array(await buffer.slice(0, 4));
  const tail = new Uint8Array(await buffer.slice(buffer.byteLength - 4));
  const text = (bytes: Uint8Array) => String.fromCharCode(...bytes);
  if (text(head) !== MAGIC) fail(file, `this is not a Parquet file (it does not start with "${MAGIC}")`);
  if (text(tail) !== MAGIC)
    fail(
      file,
      `the Parquet footer is missing or corrupt (the file does not end with "${MAGIC}"): was it cut short while copying or downloading?`,
    );
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (error) {
    fail(
      file,
      `the Parquet footer cannot be read (${error instanceof Error ? error.message : String(error)}): the file is corrupt or cut short`,
    );
  }
  const header: string[] = [];
  const nested: string[] = [];
  for (const child of parquetSchema(metadata).children) {
    const element = child.element;
    const isNested = child.children.length > 0 || element.repetition_type === "REPEATED";
    (isNested ? nested : header).push(element.name);
  }
  if (header.length === 0) {
    fail(
      file,
      nested.length === 0
        ? "the Parquet file has no columns"
        : `no usable columns: every column holds lists or structs (${nested.join(", ")}); a metadata file needs plain columns (an id, labels, …). Flatten them first, e.g. with DuckDB's unnest().`,
    );
  }
  return {
    file,
    buffer,
    metadata,
    header,
    nested,
    rows: Number(metadata.num_rows),
    rowGroups: metadata.row_groups.length,
  };
}

/** The text a CSV would hold for a Parquet value. */
export function cellText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return JSON.stringify(value);
}

/** Stops with a clear message when a column a role needs is missing or nested. */
export function checkColumns(table: ParquetTable, columns: readonly string[]): void {
  const problems = columns.flatMap((column) => {
    if (table.header.includes(column)) return [];
    const message = table.nested.includes(column)
      ? `column "${column}" holds lists or structs, not one value per row: Label Atlas reads plain columns (flatten it first, e.g. with DuckDB's unnest(), or map another column)`
      : `no column "${column}" (the file has: ${table.header.join(", ")})`;
    return [{ file: table.file, line: 0, locator: "row" as const, columnName: column, message }];
  });
  if (problems.length > 0) throw new DataFileError(problems);
}

export interface ParquetRowsOptions {
  /** Rows handed over at a time (within a row group). */
  batch?: number;
  /** Stop after this many rows (a sample for the mapping panel). */
  limit?: number;
  onProgress?(rowsDone: number): void;
}

/**
 * Streams rows of the given columns, as text, in the columns' order: row group by row group, each
 * column decoded a page at a time as the rows reach it (lib/metadata/parquet-flat), and only those
 * columns' bytes are read. rowNumbers[i] is the 1-based row of rows[i] in the file.
 */
export async function readParquetRows(
  table: ParquetTable,
  columns: readonly string[],
  onRows: (rows: string[][], rowNumbers: Int32Array) => void,
  options: ParquetRowsOptions = {},
): Promise<void> {
  checkColumns(table, columns);
  const limit = Math.min(options.limit ?? Infinity, table.rows);
  if (limit === 0) return;
  const batch = options.batch ?? 16 * 1024;
  let rowStart = 0;
  for (let g = 0; g < table.metadata.row_groups.length && rowStart < limit; g++) {
    const groupRows = Number(table.metadata.row_groups[g]!.num_rows);
    const range = { rowStart, rowEnd: rowStart + groupRows };
    rowStart += groupRows;
    const rowEnd = Math.min(range.rowEnd, limit);
    const problem = (error: unknown): never =>
      fail(
        table.file,
        `rows ${(range.rowStart + 1).toLocaleString("en-US")}–${rowEnd.toLocaleString("en-US")} cannot be read (${error instanceof Error ? error.message : String(error)}): the file is corrupt`,
      );
    const width = columns.length;
    const pages = await Promise.all(
      columns.map((column) => openFlatColumn(table.buffer, table.metadata, g, column, compressors, cellText)),
    ).catch(problem);
    const page = new Array<PageCells>(width).fill({ length: 0, text: () => "" });
    const at = new Array<number>(width).fill(0);
    const cell = (c: number): string => {
      if (at[c]! >= page[c]!.length) {
        const next = pages[c]!.next();
        if (!next || next.length === 0) throw new Error(`column "${columns[c]}" ends early`);
        page[c] = next;
        at[c] = 0;
      }
      return page[c]!.text(at[c]!++);
    };
    for (let start = 0; start < rowEnd - range.rowStart; start += batch) {
      const end = Math.min(start + batch, rowEnd - range.rowStart);
      const rows = new Array<string[]>(end - start);
      const rowNumbers = new Int32Array(end - start);
      try {
        for (let r = start; r < end; r++) {
          const row = new Array<string>(width);
          for (let c = 0; c < width; c++) row[c] = cell(c);
          rows[r - start] = row;
          rowNumbers[r - start] = range.rowStart + r + 1;
        }
      } catch (error) {
        problem(error);
      }
      onRows(rows, rowNumbers);
      options.onProgress?.(range.rowStart + end);
    }
  }
}

/**
 * A Parquet table through the summarizer: only the spec's columns are read, a row group at a
 * time, and problems are located by row. The worker and `npm run ingest` both run this.
 */
export async function summarizeParquet(
  table: ParquetTable,
  spec: z.output<typeof metadataSpecSchema>,
  options: Omit<SummarizeOptions, "file" | "locator"> & { onProgress?(rowsDone: number): void } = {},
): Promise<Summarizer> {
  const columns = specColumns(spec);
  const { onProgress, ...summarizeOptions } = options;
  const summarizer = createSummarizer(columns, spec, {
    expectedImages: table.rows,
    ...summarizeOptions,
    file: table.file,
    locator: "row",
  });
  await readParquetRows(table, columns, (rows, rowNumbers) => summarizer.add(rows, rowNumbers), { onProgress });
  return summarizer;
}
