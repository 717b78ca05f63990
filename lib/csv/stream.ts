import Papa from "papaparse";
import { countNewlines, describePapaError, sniffCsv } from "@/lib/csv/parse";

export interface CsvStreamHandlers {
  /** The first row. Throwing here (or in any handler) stops the reading with that error. */
  onHeader(header: string[]): void;
  /** A chunk of data rows (blank lines left out) and the line each starts on. */
  onRows(rows: string[][], lines: Int32Array): void;
  onProblem(problem: { line: number; message: string }): void;
  /** How much of the input has been read: bytes for a file or stream, characters for text. */
  onProgress?(done: number): void;
}

export interface CsvStreamOptions {
  /** Force a delimiter; by default it is guessed from the first lines. */
  delimiter?: string;
  /** Characters of text handed to the parser at a time (256 Ki by default). */
  chunkSize?: number;
}

/** What can be streamed: text, a browser File or Blob, or a Node stream (any async iterable of bytes). */
export type CsvStreamInput = string | Blob | AsyncIterable<Uint8Array | string>;

/** Text is handed to the parser in pieces of this many characters. */
const CHUNK = 128 * 1024;
/** The delimiter and line break are guessed once this much text has arrived (or the input ended). */
const SNIFF = 64 * 1024;

/**
 * Feeds text, piece by piece, through papaparse's parser and hands on a header and located rows:
 * the true line of every row (quoted newlines included), blank lines left out, parser errors
 * reported by line. A row cut by the end of a piece is carried over to the next.
 *
 * This is papaparse's own chunking, written as a loop: its string streamer feeds each chunk from
 * inside the previous one's call, so a long text keeps every parsed chunk alive until the end (a
 * 9 MB file peaked at over 100 MB of heap, and most of the time went to the garbage collector).
 */
export class CsvChunkReader {
  private parser: Papa.Parser | null = null;
  private pending = "";
  /** Where `pending` starts in the whole text. */
  private base = 0;
  private line = 1;
  private header: string[] | null = null;
  private quotesPossible = true;
  rows = 0;
  delimiter = ",";

  constructor(
    private readonly handlers: CsvStreamHandlers,
    private readonly options: CsvStreamOptions = {},
  ) {}

  /** Reads a piece of the text; a row it cuts short is kept for the next piece. */
  write(text: string): void {
    this.pending += text;
    const size = this.options.chunkSize ?? CHUNK;
    if (this.parser === null) {
      // The guess needs whole lines: wait for a line break, or for enough text to guess from.
      if (this.pending.length < SNIFF && !(this.pending.length >= size && this.pending.includes("\n"))) return;
    } else if (this.pending.length < size) return;
    this.parse(true);
  }

  /** The end of the text: the last row is read even without a line break after it. */
  end(): void {
    this.parse(false);
  }

  private parse(moreToCome: boolean) {
    if (this.parser === null) {
      const sniffed = sniffCsv(this.pending);
      this.delimiter = this.options.delimiter ?? sniffed.delimiter;
      this.parser = new Papa.Parser({ delimiter: this.delimiter, newline: sniffed.newline, quoteChar: '"' });
    }
    const input = this.pending;
    const results = this.parser.parse(input, this.base, moreToCome) as Papa.ParseResult<string[]>;
    this.pending = input.slice(results.meta.cursor - this.base);
    this.base = results.meta.cursor;
    this.quotesPossible = input.includes('"');
    this.take(results);
  }

  private take(results: Papa.ParseResult<string[]>) {
    const { handlers } = this;
    const data = results.data;
    const lineOfRow = new Int32Array(data.length);
    const kept: string[][] = [];
    const lines = new Int32Array(data.length);
    let line = this.line;
    for (let r = 0; r < data.length; r++) {
      const fields = data[r]!;
      lineOfRow[r] = line;
      line += 1;
      // Only a quoted field can span lines: a piece without a quote needs no scan of its fields.
      if (this.quotesPossible)
        for (const field of fields) if (field.length > 0 && field.includes("\n")) line += countNewlines(field);
      if (fields.length === 1 && fields[0]!.trim() === "") continue;
      if (this.header === null) {
        this.header = fields.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, "") : h).trim());
        handlers.onHeader(this.header);
        continue;
      }
      lines[kept.length] = lineOfRow[r]!;
      kept.push(fields);
    }
    this.line = line;
    for (const error of results.errors) {
      const at = error.row === undefined || error.row >= lineOfRow.length ? line : lineOfRow[error.row]!;
      handlers.onProblem({ line: at, message: describePapaError(error) });
    }
    this.rows += kept.length;
    if (kept.length > 0) handlers.onRows(kept, lines.subarray(0, kept.length));
  }
}

/** Reads text already in memory, synchronously, a piece at a time. Throws what a handler throws. */
export function readCsvText(
  text: string,
  handlers: CsvStreamHandlers,
  options: CsvStreamOptions = {},
): { rows: number; delimiter: string } {
  const reader = new CsvChunkReader(handlers, options);
  const size = options.chunkSize ?? CHUNK;
  for (let at = 0; at < text.length; at += size) {
    reader.write(text.slice(at, at + size));
    handlers.onProgress?.(Math.min(at + size, text.length));
  }
  reader.end();
  return { rows: reader.rows, delimiter: reader.delimiter };
}

/**
 * Streams a CSV from a File, a Node stream or text, decoding UTF-8 as it goes, so memory stays
 * flat however large the file. `abort()` stops it between pieces (it rejects with an AbortError).
 */
export function streamCsv(
  input: CsvStreamInput,
  handlers: CsvStreamHandlers,
  options: CsvStreamOptions = {},
): { done: Promise<{ rows: number; delimiter: string }>; abort: () => void } {
  let aborted = false;
  const run = async () => {
    if (typeof input === "string") return readCsvText(input, handlers, options);
    const reader = new CsvChunkReader(handlers, options);
    const decoder = new TextDecoder("utf-8");
    let bytes = 0;
    const pieces =
      typeof Blob !== "undefined" && input instanceof Blob
        ? blobPieces(input)
        : (input as AsyncIterable<Uint8Array | string>);
    for await (const piece of pieces) {
      if (aborted) throw new DOMException("The file was not read to the end: cancelled.", "AbortError");
      if (typeof piece === "string") reader.write(piece);
      else {
        reader.write(decoder.decode(piece, { stream: true }));
        bytes += piece.byteLength;
      }
      handlers.onProgress?.(bytes);
    }
    if (aborted) throw new DOMException("The file was not read to the end: cancelled.", "AbortError");
    reader.write(decoder.decode());
    reader.end();
    return { rows: reader.rows, delimiter: reader.delimiter };
  };
  return {
    done: run(),
    abort() {
      aborted = true;
    },
  };
}

async function* blobPieces(blob: Blob): AsyncGenerator<Uint8Array> {
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}
