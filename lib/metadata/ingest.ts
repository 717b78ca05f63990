import { createHash } from "node:crypto";
import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { createGunzip } from "node:zlib";
import { z } from "zod";
import { DataFileError } from "@/lib/csv/parse";
import { streamCsv } from "@/lib/csv/stream";
import type { RowsSummary, SummaryProblem } from "@/lib/summary/model";
import { BINARY_FILE, createSummarizer, EMPTY_FILE, metadataSpecSchema, type Summarizer } from "@/lib/metadata/summarize";

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

/**
 * Streams a metadata CSV (or .csv.gz) through the summarizer, with its official split lists, and
 * returns the summary with its provenance. Memory stays flat however large the file. Split lists are
 * read from `splitListPaths` (keyed as the config names them), else beside the metadata file.
 */
export async function ingestMetadataFile(
  metadataPath: string,
  config: IngestConfig,
  generated: string,
  splitListPaths: Record<string, string> = {},
): Promise<RowsSummary> {
  const name = path.basename(metadataPath).replace(/\.gz$/, "");
  const files: RowsSummary["provenance"]["files"] = [{ name, sha256: null, rows: null }];

  const splitLists = config.splitLists.map((list) => {
    const listPath = splitListPaths[list.file] ?? path.join(path.dirname(metadataPath), list.file);
    const listText = readFileSync(listPath, "utf8");
    const ids = listText
      .split("\n")
      .map((line) => line.trim())
      .filter((id) => id !== "");
    files.push({ name: list.file, sha256: createHash("sha256").update(listText).digest("hex"), rows: ids.length });
    return { split: list.split, ids };
  });
  // Split lists name every image, or most: their length sizes the per-image arrays once.
  const listed = splitLists.reduce((n, list) => n + list.ids.length, 0);

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

  const { rowsRead, rowsSkipped, rowsFlagged, problems, ...summary } = (summarizer as Summarizer).finish();
  files[0] = { name, sha256: hash.digest("hex"), rows: rowsRead };
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
      generated,
    },
  };
}
