import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { z } from "zod";
import type { RowsSummary } from "@/lib/label-summary";
import { metadataSpecSchema, summarizeMetadata } from "@/lib/labels";

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

/** Reads a metadata CSV (or .csv.gz) with its official split lists and returns the summary with provenance. */
export function ingestMetadataFile(metadataPath: string, config: IngestConfig, generated: string): RowsSummary {
  const bytes = readFileSync(metadataPath);
  const name = path.basename(metadataPath);
  const text = (name.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
  const files: RowsSummary["provenance"]["files"] = [
    { name: name.replace(/\.gz$/, ""), sha256: sha256(text), rows: null },
  ];

  let splitOf: Map<string, string> | undefined;
  if (config.splitLists.length > 0) {
    splitOf = new Map();
    for (const list of config.splitLists) {
      const listText = readFileSync(path.join(path.dirname(metadataPath), list.file), "utf8");
      const ids = listText
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean);
      for (const id of ids) splitOf.set(id, list.split);
      files.push({ name: list.file, sha256: sha256(listText), rows: ids.length });
    }
  }

  const { rowsRead, rowsSkipped, rowsFlagged, problems, ...summary } = summarizeMetadata(text, config, {
    file: files[0]!.name,
    splitOf,
  });
  files[0]!.rows = rowsRead;
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

/** sha256 of the decompressed text, so a .csv and its .csv.gz give the same summary. */
function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
