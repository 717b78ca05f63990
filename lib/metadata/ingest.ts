import { createHash } from "node:crypto";
import { createReadStream, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createGunzip } from "node:zlib";
import { z } from "zod";
import { DataFileError } from "@/lib/csv/parse";
import { readCsvText, streamCsv } from "@/lib/csv/stream";
import type { RowsSummary, SummaryProblem } from "@/lib/summary/model";
import { asyncBufferFromFile } from "hyparquet";
import { isParquetName, openParquet, summarizeParquet } from "@/lib/metadata/parquet";
import {
  BINARY_FILE,
  createSummarizer,
  EMPTY_FILE,
  metadataSpecSchema,
  type Summarizer,
} from "@/lib/metadata/summarize";

/** data/ingest/<id>.json: how to read one dataset's metadata file. Paths are relative to the metadata file. */
export const ingestConfigSchema = metadataSpecSchema.extend({
  labelFileVersion: z.string().nullable().default(null),
  sourceUrl: z.string().nullable().default(null),
  splitLists: z.array(z.object({ split: z.string(), file: z.string() })).default([]),
  /** `json`: an array of flat-ish objects (nested objects become `parent.child` columns). */
  format: z.enum(["csv", "json"]).default("csv"),
  /** Several files read as one table (e.g. train and test files), each with constant columns of its own. */
  inputs: z
    .array(z.object({ file: z.string(), set: z.record(z.string(), z.string()).default({}) }))
    .min(1)
    .optional(),
  /** Header spellings that differ between files: raw name → name used in the config. */
  columnAliases: z.record(z.string(), z.string()).default({}),
  /** Columns of another file joined onto each row by id (e.g. ISIC 2019's metadata onto its ground truth). */
  join: z
    .array(
      z.object({
        file: z.string(),
        /** The id column in the joined file, and the column of the labels file it matches (default: image). */
        on: z.string(),
        key: z.string().optional(),
        /** Ids in the joined file carry a file extension (`.jpg`) that the labels file does not. */
        stripExtension: z.boolean().default(false),
        columns: z.array(z.object({ column: z.string(), as: z.string() })).min(1),
      }),
    )
    .default([]),
  /** A separate file of boxes, one row per box (NIH's BBox_List_2017.csv). */
  boxFile: z
    .object({
      file: z.string(),
      image: z.string(),
      label: z.string(),
      x: z.string(),
      y: z.string(),
      width: z.string(),
      height: z.string(),
    })
    .optional(),
  /** Shown with the figures: how this file differs from the paper, known duplicates, version notes. */
  notes: z.array(z.string()).default([]),
});
export type IngestConfig = z.output<typeof ingestConfigSchema>;

export function loadIngestConfig(dataDir: string, dataset: string): IngestConfig {
  const file = path.join(dataDir, "ingest", `${dataset}.json`);
  const parsed = ingestConfigSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

export interface SplitList {
  split: string;
  ids: string[];
}

/** The official split lists (paths relative to the metadata file) and their provenance rows. */
export function readSplitLists(
  metadataPath: string,
  config: IngestConfig,
  filePaths: Record<string, string> = {},
): { lists: SplitList[]; files: RowsSummary["provenance"]["files"] } {
  const files: RowsSummary["provenance"]["files"] = [];
  const lists = config.splitLists.map((list) => {
    const listText = readFileSync(filePaths[list.file] ?? path.join(path.dirname(metadataPath), list.file), "utf8");
    const ids = listText
      .split("\n")
      .map((line) => line.trim())
      .filter((id) => id !== "");
    files.push({ name: list.file, sha256: createHash("sha256").update(listText).digest("hex"), rows: ids.length });
    return { split: list.split, ids };
  });
  return { lists, files };
}

/** The displayed name of a metadata file: .csv and .csv.gz give the same name (and summary). */
export function metadataFileName(metadataPath: string): string {
  return path.basename(metadataPath).replace(/\.gz$/, "");
}

/**
 * Streams a metadata CSV (or .csv.gz) or Parquet file through the summarizer, with its official
 * split lists, and returns the summary with its provenance. Memory stays flat however large the file.
 * Split lists are read from `filePaths` (keyed as the config names them), else beside the metadata
 * file; so are the other files a config names (inputs, joined files, a box list).
 */
export async function ingestMetadataFile(
  metadataPath: string,
  config: IngestConfig,
  generated: string,
  filePaths: Record<string, string> = {},
): Promise<RowsSummary> {
  if (config.inputs || config.join.length > 0 || config.format === "json")
    return ingestTables(
      locator(statSync(metadataPath).isDirectory() ? metadataPath : path.dirname(metadataPath), filePaths),
      config,
      generated,
    );
  const name = metadataFileName(metadataPath);
  const { lists: splitLists, files: listFiles } = readSplitLists(metadataPath, config, filePaths);
  // Split lists name every image, or most: their length sizes the per-image arrays once.
  const listed = splitLists.reduce((n, list) => n + list.ids.length, 0);
  const read = isParquetName(name)
    ? await readParquet(metadataPath, name, config, splitLists)
    : await readCsv(metadataPath, name, config, splitLists, listed);
  const files = [{ name, sha256: read.sha256, rows: read.summarizer.rowsRead() }, ...listFiles];
  return finishSummary(read.summarizer, locator(path.dirname(metadataPath), filePaths), config, files, generated);
}

async function readCsv(
  metadataPath: string,
  name: string,
  config: IngestConfig,
  splitLists: SplitList[],
  listed: number,
): Promise<{ summarizer: Summarizer; sha256: string }> {
  // The checksum is of the decompressed bytes, so a .csv and its .csv.gz give the same summary.
  const hash = createHash("sha256");
  const raw = createReadStream(metadataPath);
  const source: AsyncIterable<Buffer> = metadataPath.endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
  async function* checked(): AsyncGenerator<Buffer> {
    let first = true;
    for await (const chunk of source) {
      if (first && chunk.subarray(0, 4096).includes(0))
        throw new DataFileError([{ file: name, line: 1, message: BINARY_FILE }]);
      first = false;
      hash.update(chunk);
      yield chunk;
    }
  }

  let summarizer: Summarizer | null = null;
  const early: SummaryProblem[] = [];
  await streamCsv(checked(), {
    onHeader: (header) => {
      summarizer = createSummarizer(
        header,
        config,
        { file: name, splitLists, expectedImages: listed || undefined },
        early,
      );
    },
    onRows: (rows, lines) => summarizer!.add(rows, lines),
    onProblem: (p) => (summarizer ? summarizer.problem(p) : early.push(p)),
  }).done;
  if (!summarizer) throw new DataFileError([{ file: name, line: 1, message: EMPTY_FILE }]);
  return { summarizer, sha256: hash.digest("hex") };
}

/** Parquet: only the columns the config maps are read, a row group at a time. */
async function readParquet(
  metadataPath: string,
  name: string,
  config: IngestConfig,
  splitLists: SplitList[],
): Promise<{ summarizer: Summarizer; sha256: string }> {
  const hash = createHash("sha256");
  const hashed = (async () => {
    for await (const chunk of createReadStream(metadataPath)) hash.update(chunk as Buffer);
  })();
  const table = await openParquet(await asyncBufferFromFile(metadataPath), name);
  const summarizer = await summarizeParquet(table, config, { splitLists });
  await hashed;
  return { summarizer, sha256: hash.digest("hex") };
}

type ProvenanceFile = RowsSummary["provenance"]["files"][number];

/** Where a file the config names is: resolved already (data/manifest.json), else beside the first. */
type Locate = (file: string) => string;
const locator =
  (dir: string, paths: Record<string, string>): Locate =>
  (file) =>
    paths[file] ?? path.join(dir, file);

function finishSummary(
  summarizer: Summarizer,
  locate: Locate,
  config: IngestConfig,
  files: ProvenanceFile[],
  generated: string,
): RowsSummary {
  if (config.boxFile) files.push(countBoxFile(summarizer, locate, config.boxFile));
  const { rowsRead, rowsSkipped, rowsFlagged, problems, ...summary } = summarizer.finish();
  if (config.boxFile) summary.boxes = summarizer.boxCounter().finish(config.boxFile.file);
  return {
    ...summary,
    provenance: {
      source: "rows",
      sourceUrl: config.sourceUrl,
      files,
      labelFileVersion: config.labelFileVersion,
      rowsRead,
      rowsSkipped,
      rowsFlagged,
      problems,
      notes: config.notes,
      generated,
    },
  };
}

export interface Table {
  file: string;
  sha256: string;
  header: string[];
  rows: string[][];
  lines: number[];
}

/** A whole (small) file as a table: CSV with its delimiter detected, or a JSON array of objects. */
export function readTable(file: string, format: "csv" | "json" = "csv"): Table {
  const bytes = readFileSync(file);
  const name = path.basename(file);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const text = bytes.toString("utf8");
  if (format === "json") return { file: name, sha256, ...jsonTable(text, name) };
  let header: string[] | null = null;
  const rows: string[][] = [];
  const lines: number[] = [];
  const problems: SummaryProblem[] = [];
  readCsvText(text, {
    onHeader: (h) => (header = h),
    onRows: (chunk, at) => {
      for (let i = 0; i < chunk.length; i++) {
        rows.push(chunk[i]!);
        lines.push(at[i]!);
      }
    },
    onProblem: (p) => problems.push(p),
  });
  if (problems.length > 0)
    throw new DataFileError(
      problems.map((p) => ({ file: name, line: p.line, columnName: p.column, message: p.message })),
    );
  if (!header) throw new DataFileError([{ file: name, line: 1, message: EMPTY_FILE }]);
  return { file: name, sha256, header, rows, lines };
}

function jsonTable(text: string, file: string): { header: string[]; rows: string[][]; lines: number[] } {
  let records: unknown;
  try {
    records = JSON.parse(text);
  } catch (error) {
    throw new DataFileError([{ file, line: 1, message: `not valid JSON (${(error as Error).message})` }]);
  }
  if (!Array.isArray(records) || records.some((r) => typeof r !== "object" || r === null || Array.isArray(r)))
    throw new DataFileError([{ file, line: 1, message: "expected a JSON array of objects, one per image or case" }]);
  const flat = (records as Record<string, unknown>[]).map((r) => {
    const out: Record<string, string> = {};
    const walk = (o: Record<string, unknown>, prefix: string) => {
      for (const [k, v] of Object.entries(o)) {
        if (v !== null && typeof v === "object" && !Array.isArray(v))
          walk(v as Record<string, unknown>, `${prefix}${k}.`);
        else out[`${prefix}${k}`] = v === null || v === undefined ? "" : Array.isArray(v) ? v.join(";") : String(v);
      }
    };
    walk(r, "");
    return out;
  });
  const header = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  // "Lines" of a JSON file are its records, counted from 1 after an imaginary header.
  return { header, rows: flat.map((r) => header.map((h) => r[h] ?? "")), lines: flat.map((_, i) => i + 2) };
}

/**
 * Several small files (inputs read as one table, joined files, JSON) are read whole: the files this is
 * for are a few MB. A single large CSV streams through ingestMetadataFile instead.
 */
async function ingestTables(locate: Locate, config: IngestConfig, generated: string): Promise<RowsSummary> {
  const inputs = config.inputs ?? [];
  if (inputs.length === 0) throw new Error(`data/ingest/${config.dataset}.json: "inputs" names no file`);
  const tables = inputs.map((input) => ({ input, table: readTable(locate(input.file), config.format) }));
  const rename = (h: string) => config.columnAliases[h.trim()] ?? h.trim();
  const header: string[] = [];
  for (const { input, table } of tables)
    for (const h of [...table.header.map(rename), ...Object.keys(input.set)]) if (!header.includes(h)) header.push(h);

  const joined = config.join.map((join) => {
    const table = readTable(locate(join.file));
    const names = table.header.map(rename);
    const on = names.indexOf(join.on);
    const picked = join.columns.map((c) => names.indexOf(c.column));
    const missing = [join.on, ...join.columns.map((c) => c.column)].filter((c) => !names.includes(c));
    if (missing.length > 0)
      throw new DataFileError(
        missing.map((c) => ({
          file: table.file,
          line: 1,
          message: `no column "${c}" to join (the header has: ${names.join(", ")})`,
        })),
      );
    const byId = new Map<string, string[]>();
    table.rows.forEach((row) => {
      const raw = (row[on] ?? "").trim();
      byId.set(
        join.stripExtension ? raw.replace(/\.[A-Za-z0-9]+$/, "") : raw,
        picked.map((i) => row[i] ?? ""),
      );
    });
    for (const c of join.columns) if (!header.includes(c.as)) header.push(c.as);
    return { join, table, byId, unmatched: 0 };
  });

  const files: ProvenanceFile[] = [];
  const early: SummaryProblem[] = [];
  const summarizer = createSummarizer(header, config, { file: tables[0]!.table.file, expectedImages: 1024 }, early);
  for (const { input, table } of tables) {
    const names = table.header.map(rename);
    const from = header.map((h) => names.indexOf(h));
    const keyIndexes = joined.map((j) => header.indexOf(j.join.key ?? config.roles.image ?? ""));
    const rows = table.rows.map((row) => {
      const out = from.map((i, c) => (i === -1 ? (input.set[header[c]!] ?? "") : (row[i] ?? "")));
      joined.forEach((j, k) => {
        const values = j.byId.get((out[keyIndexes[k]!] ?? "").trim());
        if (!values) j.unmatched += 1;
        j.join.columns.forEach((c, n) => (out[header.indexOf(c.as)] = values?.[n] ?? ""));
      });
      return out;
    });
    summarizer.setSource(table.file);
    summarizer.add(rows, table.lines);
    files.push({ name: table.file, sha256: table.sha256, rows: table.rows.length });
  }
  for (const j of joined) {
    files.push({ name: j.table.file, sha256: j.table.sha256, rows: j.table.rows.length });
    if (j.unmatched > 0)
      summarizer.problem({
        line: 1,
        message: `${j.unmatched} rows have no row in ${j.table.file}: their joined columns count as unknown`,
      });
  }
  return finishSummary(summarizer, locate, config, files, generated);
}

/** Boxes from their own file, matched to the images of the labels file by id. */
function countBoxFile(
  summarizer: Summarizer,
  locate: Locate,
  spec: NonNullable<IngestConfig["boxFile"]>,
): ProvenanceFile {
  const table = readTable(locate(spec.file));
  const col = (name: string) => {
    const i = table.header.indexOf(name);
    if (i === -1)
      throw new DataFileError([
        { file: table.file, line: 1, message: `no column "${name}" (the header has: ${table.header.join(", ")})` },
      ]);
    return i;
  };
  const [image, label, x, y, w, h] = [spec.image, spec.label, spec.x, spec.y, spec.width, spec.height].map(col) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const counter = summarizer.boxCounter();
  table.rows.forEach((row, r) => {
    const id = (row[image] ?? "").trim();
    const n = summarizer.imageOf(id);
    const width = Number(row[w]);
    const height = Number(row[h]);
    if (n === -1 || !(width > 0 && height > 0) || row[x]?.trim() === "" || row[y]?.trim() === "") {
      counter.unmatched();
      summarizer.problem({
        line: table.lines[r]!,
        message:
          n === -1
            ? `${table.file}: box for image "${id}", which is not in the labels file (not counted)`
            : `${table.file}: unreadable box size (not counted)`,
      });
      return;
    }
    counter.add((row[label] ?? "").trim(), n, width, height, summarizer.imageArea(n));
  });
  return { name: table.file, sha256: table.sha256, rows: table.rows.length };
}
