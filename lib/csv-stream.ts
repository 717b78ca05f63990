import Papa from "papaparse";
import { countNewlines, describePapaError } from "@/lib/csv";

export interface CsvStreamHandlers {
  /** The first row. Throwing here stops the stream and rejects with that error. */
  onHeader(header: string[]): void;
  /** A chunk of data rows (blank lines left out) and the line each starts on. */
  onRows(rows: string[][], lines: Int32Array): void;
  onProblem(problem: { line: number; message: string }): void;
  /** Characters read so far (a byte count for plain ASCII files). */
  onProgress?(cursor: number): void;
}

export interface CsvStreamOptions {
  delimiter?: string;
  /** Bytes per chunk for File input; papaparse's default otherwise. */
  chunkSize?: number;
}

/** The input papaparse streams: a browser File or Blob, a Node readable stream, or a string. */
export type CsvStreamInput = string | Blob | NodeJS.ReadableStream;

/**
 * Streams a CSV through papaparse chunk by chunk, keeping the true line of every row (quoted
 * newlines included) so problems can be reported by line. Resolves with the rows read.
 */
export function streamCsv(
  input: CsvStreamInput,
  handlers: CsvStreamHandlers,
  options: CsvStreamOptions = {},
): { done: Promise<{ rows: number; delimiter: string }>; abort: () => void } {
  let line = 1;
  let header: string[] | null = null;
  let rows = 0;
  let delimiter = options.delimiter ?? ",";
  let failure: unknown = null;
  let parser: Papa.Parser | null = null;
  let aborted = false;

  const done = new Promise<{ rows: number; delimiter: string }>((resolve, reject) => {
    // The generic overloads of Papa.parse do not cover every input type; the call is the same.
    const parse = Papa.parse as (input: unknown, config: Record<string, unknown>) => void;
    parse(input, {
      header: false,
      skipEmptyLines: false,
      delimiter: options.delimiter,
      chunkSize: options.chunkSize,
      chunk(results: Papa.ParseResult<string[]>, p: Papa.Parser) {
        parser = p;
        delimiter = results.meta.delimiter;
        try {
          const data = results.data;
          const lineOfRow = new Int32Array(data.length);
          const kept: string[][] = [];
          const lines = new Int32Array(data.length);
          for (let r = 0; r < data.length; r++) {
            const fields = data[r]!;
            lineOfRow[r] = line;
            const blank = fields.length === 1 && fields[0]!.trim() === "";
            line += 1;
            for (const field of fields) if (field.length > 0 && field.includes("\n")) line += countNewlines(field);
            if (blank) continue;
            if (header === null) {
              header = fields.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, "") : h).trim());
              handlers.onHeader(header);
              continue;
            }
            lines[kept.length] = lineOfRow[r]!;
            kept.push(fields);
          }
          for (const error of results.errors) {
            if (error.type === "Delimiter") continue;
            const at = error.row === undefined || error.row >= lineOfRow.length ? line : lineOfRow[error.row]!;
            handlers.onProblem({ line: at, message: describePapaError(error) });
          }
          rows += kept.length;
          if (kept.length > 0) handlers.onRows(kept, lines.subarray(0, kept.length));
          handlers.onProgress?.(results.meta.cursor);
        } catch (error) {
          failure = error;
          p.abort();
        }
      },
      complete() {
        if (failure) reject(failure);
        else if (aborted) reject(new DOMException("The file was not read to the end: cancelled.", "AbortError"));
        else resolve({ rows, delimiter });
      },
      error(error: Error) {
        reject(error);
      },
    });
  });
  return {
    done,
    abort() {
      aborted = true;
      (parser as Papa.Parser | null)?.abort();
    },
  };
}
