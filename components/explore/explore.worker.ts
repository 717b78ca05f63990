// Runs the same loader and summary code as the server, off the main thread. The file is read here,
// in the browser; nothing is sent anywhere.
import Papa from "papaparse";
import { DataFileError, parseCsv } from "@/lib/csv/parse";
import { streamCsv } from "@/lib/csv/stream";
import { MAX_FILE_BYTES, type ExploreSource, type FromWorker, type ToWorker } from "@/lib/explore/protocol";
import type { SummaryProblem } from "@/lib/summary/model";
import {
  BINARY_FILE,
  createSummarizer,
  EMPTY_FILE,
  metadataSpecSchema,
  type Summarizer,
} from "@/lib/metadata/summarize";
import { inferMapping, toMetadataSpec } from "@/lib/metadata/roles";
import {
  blobBuffer,
  isParquetName,
  openParquet,
  readParquetRows,
  summarizeParquet,
  type ParquetTable,
} from "@/lib/metadata/parquet";

const post = (message: FromWorker) => postMessage(message);
let input: { name: string; data: Blob | string; bytes: number } | null = null;
/** Set when the file is Parquet: its footer, read once. */
let parquet: ParquetTable | null = null;
/** Rows the file probably holds, from the size of its first lines: sizes the summary's arrays once. */
let expectedRows: number | undefined;

async function load(source: ExploreSource): Promise<{ name: string; data: Blob | string; bytes: number }> {
  if (source.kind === "text") return { name: source.name, data: source.text, bytes: source.text.length };
  const file = source.file;
  if (file.size === 0) throw new DataFileError([{ file: file.name, line: 1, message: EMPTY_FILE }]);
  if (file.size > MAX_FILE_BYTES)
    throw new Error(
      `${file.name} is ${formatBytes(file.size)}: over the ${formatBytes(MAX_FILE_BYTES)} a browser tab can summarise. Use npm run ingest for it.`,
    );
  if (!/\.gz$/i.test(file.name)) return { name: file.name, data: file, bytes: file.size };
  // Decompress into a Blob (kept by the browser, not as one huge string), then stream that.
  const parts: Uint8Array[] = [];
  let bytes = 0;
  const reader = file.stream().pipeThrough(new DecompressionStream("gzip")).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    bytes += value.length;
    if (bytes > MAX_FILE_BYTES)
      throw new Error(
        `${file.name} holds over ${formatBytes(MAX_FILE_BYTES)} of text: too large for a browser tab. Use npm run ingest for it.`,
      );
    post({ type: "progress", phase: "decompressing", done: bytes, total: 0, rows: 0 });
  }
  return { name: file.name.replace(/\.gz$/i, ""), data: new Blob(parts as BlobPart[]), bytes };
}

async function head(data: Blob | string): Promise<string> {
  const text = typeof data === "string" ? data.slice(0, 256 * 1024) : await data.slice(0, 256 * 1024).text();
  if (text.slice(0, 4096).includes("\u0000"))
    throw new DataFileError([{ file: input!.name, line: 1, message: BINARY_FILE }]);
  // Leave out the last, probably cut, line.
  const cut = text.length === 256 * 1024 ? text.slice(0, text.lastIndexOf("\n") + 1) : text;
  if (cut.trim() === "") throw new DataFileError([{ file: input!.name, line: 1, message: EMPTY_FILE }]);
  return cut;
}

async function inspect(source: ExploreSource) {
  parquet = null;
  input = await load(source);
  if (typeof input.data !== "string" && isParquetName(input.name)) return inspectParquet(input.name, input.data);
  const text = await head(input.data);
  const table = parseCsv(text, input.name);
  expectedRows =
    table.rows.length > 0 ? Math.ceil((input.bytes / text.length) * (table.rows.length + 1) * 1.05) : undefined;
  if (table.header.length < 2) {
    throw new DataFileError([
      {
        file: input.name,
        line: 1,
        message: `the header has ${table.header.length} column${table.header.length === 1 ? "" : "s"}; a metadata file needs at least an id and a labels column (is the delimiter a comma, tab, semicolon or |?)`,
      },
    ]);
  }
  const sample = table.rows.slice(0, 200);
  post({
    type: "inspected",
    name: input.name,
    bytes: input.bytes,
    header: table.header,
    sample: sample.slice(0, 8),
    mapping: inferMapping(table.header, sample),
  });
}

async function inspectParquet(name: string, data: Blob) {
  const table = (parquet = await openParquet(blobBuffer(data), name));
  expectedRows = table.rows;
  const sample: string[][] = [];
  await readParquetRows(table, table.header, (rows) => sample.push(...rows), { limit: 200 });
  post({
    type: "inspected",
    name,
    bytes: data.size,
    header: table.header,
    sample: sample.slice(0, 8),
    mapping: inferMapping(table.header, sample),
  });
}

async function summarize(mapping: Parameters<typeof toMetadataSpec>[0]) {
  if (!input) throw new Error("Choose a file first.");
  const { name, data, bytes } = input;
  if (mapping.labels.length === 0) {
    throw new DataFileError([
      {
        file: name,
        line: 1,
        message:
          "no column looks like labels: choose the labels column below (if the first line holds data rather than column names, add a header line)",
      },
    ]);
  }
  const spec = metadataSpecSchema.parse(toMetadataSpec(mapping, name));
  const started = performance.now();
  let summarizer: Summarizer | null = null;
  const early: SummaryProblem[] = [];
  let lastPost = 0;
  if (parquet) {
    const table = parquet;
    summarizer = await summarizeParquet(table, spec, {
      onProgress: (done) => {
        const now = performance.now();
        if (now - lastPost < 50) return;
        lastPost = now;
        post({ type: "progress", phase: "reading rows", done, total: table.rows, rows: done });
      },
    });
  } else
    await streamCsv(data, {
      onHeader: (header) => {
        summarizer = createSummarizer(header, spec, { file: name, expectedImages: expectedRows }, early);
      },
      onRows: (rows, lines) => summarizer!.add(rows, lines),
      onProblem: (p) => (summarizer ? summarizer.problem(p) : early.push(p)),
      onProgress: (cursor) => {
        const now = performance.now();
        if (now - lastPost < 50) return;
        lastPost = now;
        post({
          type: "progress",
          phase: "reading",
          done: Math.min(cursor, bytes),
          total: bytes,
          rows: summarizer?.rowsRead() ?? 0,
        });
      },
    }).done;
  if (!summarizer) throw new DataFileError([{ file: name, line: 1, message: EMPTY_FILE }]);
  const { rowsRead, rowsSkipped, rowsFlagged, problems, ...core } = (summarizer as Summarizer).finish();
  post({ type: "progress", phase: "reading", done: bytes, total: bytes, rows: rowsRead });
  post({
    type: "summary",
    ms: performance.now() - started,
    summary: {
      ...core,
      provenance: {
        source: "your file",
        sourceUrl: null,
        files: [{ name, sha256: null, rows: rowsRead }],
        labelFileVersion: null,
        rowsRead,
        rowsSkipped,
        rowsFlagged,
        problems,
        notes: [],
        generated: new Date().toISOString().slice(0, 10),
      },
    },
  });
}

function formatBytes(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;
}

async function baseline() {
  if (!input) throw new Error("Choose a file first.");
  const data = input.data;
  const started = performance.now();
  let rows = 0;
  if (parquet) {
    // hyparquet alone: every plain column read and turned into text, nothing summarised.
    await readParquetRows(parquet, parquet.header, (chunk) => (rows += chunk.length));
    post({ type: "baseline", ms: performance.now() - started, rows });
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const parse = Papa.parse as (input: unknown, config: Record<string, unknown>) => void;
    parse(data, {
      chunkSize: 1024 * 1024,
      chunk: (results: Papa.ParseResult<string[]>) => (rows += results.data.length),
      complete: () => resolve(),
      error: reject,
    });
  });
  post({ type: "baseline", ms: performance.now() - started, rows });
}

addEventListener("message", (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  const run =
    message.type === "inspect"
      ? inspect(message.source)
      : message.type === "summarize"
        ? summarize(message.mapping)
        : baseline();
  run.catch((error: unknown) =>
    post({ type: "error", message: error instanceof Error ? error.message : String(error) }),
  );
});
