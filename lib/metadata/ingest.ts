import { createHash } from "node:crypto";
import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { createGunzip } from "node:zlib";
import { z } from "zod";
import { DataFileError } from "@/lib/csv/parse";
import { streamCsv } from "@/lib/csv/stream";
import type { RowsSummary, SummaryProblem } from "@/lib/summary/model";
import { asyncBufferFromFile } from "hyparquet";
import { isParquetName, openParquet, readParquetRows, specColumns } from "@/lib/metadata/parquet";
import {
  BINARY_FILE,
  createSummarizer,
  EMPTY_FILE,
  metadataSpecSchema,
  type Summarizer,
  type SummaryCore,
} from "@/lib/metadata/summarize";

/** data/ingest/<id>.json: how to read one dataset's metadata file. Paths are relative to the metadata file. */
export const ingestConfigSchema = metadataSpecSchema.extend({
  labelFileVersion: z.string().nullable().default(null),
  sourceUrl: z.string().nullable().default(null),
  splitLists: z.array(z.object({ split: z.string(), file: z.string() })).default([]),
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
): { lists: SplitList[]; files: RowsSummary["provenance"]["files"] } {
  const files: RowsSummary["provenance"]["files"] = [];
  const lists = config.splitLists.map((list) => {
    const listText = readFileSync(path.join(path.dirname(metadataPath), list.file), "utf8");
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
 */
export async function ingestMetadataFile(
  metadataPath: string,
  config: IngestConfig,
  generated: string,
): Promise<RowsSummary> {
  const name = metadataFileName(metadataPath);
  const { lists: splitLists, files: listFiles } = readSplitLists(metadataPath, config);
  // Split lists name every image, or most: their length sizes the per-image arrays once.
  const listed = splitLists.reduce((n, list) => n + list.ids.length, 0);

  const read = isParquetName(name)
    ? await readParquet(metadataPath, name, config, splitLists)
    : await readCsv(metadataPath, name, config, splitLists, listed);
  const { rowsRead, rowsSkipped, rowsFlagged, problems, ...summary } = read.core;
  return {
    ...summary,
    provenance: {
      source: "rows",
      sourceUrl: config.sourceUrl,
      files: [{ name, sha256: read.sha256, rows: rowsRead }, ...listFiles],
      labelFileVersion: config.labelFileVersion,
      rowsRead,
      rowsSkipped,
      rowsFlagged,
      problems,
      generated,
    },
  };
}

async function readCsv(
  metadataPath: string,
  name: string,
  config: IngestConfig,
  splitLists: SplitList[],
  listed: number,
): Promise<{ core: SummaryCore; sha256: string }> {
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
  return { core: (summarizer as Summarizer).finish(), sha256: hash.digest("hex") };
}

async function readParquet(
  metadataPath: string,
  name: string,
  config: IngestConfig,
  splitLists: SplitList[],
): Promise<{ core: SummaryCore; sha256: string }> {
  const hash = createHash("sha256");
  const hashed = (async () => {
    for await (const chunk of createReadStream(metadataPath)) hash.update(chunk as Buffer);
  })();
  const table = await openParquet(await asyncBufferFromFile(metadataPath), name);
  const columns = specColumns(config);
  const summarizer = createSummarizer(columns, config, {
    file: name,
    splitLists,
    expectedImages: table.rows,
    locator: "row",
  });
  await readParquetRows(table, columns, (rows, rowNumbers) => summarizer.add(rows, rowNumbers));
  await hashed;
  return { core: summarizer.finish(), sha256: hash.digest("hex") };
}
