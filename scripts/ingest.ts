// npm run ingest -- <metadata.csv[.gz]|.parquet> --dataset <id> [--out data/summaries]
// Summarises a metadata CSV or Parquet file with the dataset's declared roles (data/ingest/<id>.json) and writes
// data/summaries/<id>.json: aggregates and provenance only, never rows.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DataFileError } from "@/lib/csv/parse";
import { ingestMetadataFile, loadIngestConfig } from "@/lib/metadata/ingest";

async function main() {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i === -1 ? undefined : args[i + 1];
  };
  const input = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
  const dataset = flag("dataset");
  if (!input || !dataset) {
    console.error("usage: npm run ingest -- <metadata.csv[.gz]|.parquet> --dataset <id> [--out data/summaries]");
    process.exit(2);
  }
  const outDir = flag("out") ?? "data/summaries";
  const config = loadIngestConfig("data", dataset);
  const started = performance.now();
  const summary = await ingestMetadataFile(input, config, new Date().toISOString().slice(0, 10));
  mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, `${dataset}.json`);
  writeFileSync(out, JSON.stringify(summary) + "\n");
  const p = summary.provenance;
  console.log(
    `${out}: ${summary.images} ${summary.unit}, ${summary.patients ?? "no"} patients, ${summary.labels.length} labels; ` +
      `${p.rowsRead} rows read, ${p.rowsSkipped} skipped, ${p.rowsFlagged} flagged; ${Math.round(performance.now() - started)} ms`,
  );
  for (const problem of p.problems)
    console.log(`  ${problem.locator ?? "line"} ${problem.line}${problem.column ? ` (${problem.column})` : ""}: ${problem.message}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof DataFileError ? error.message : error);
  process.exit(1);
});
