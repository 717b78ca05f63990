// One ingest in a fresh process, for `npm run bench` (section parquet):
// `tsx scripts/bench-ingest.ts <js|duckdb> <metadata file> <config.json>` prints {"ms", "maxRssMb", "images"}.
// Peak RSS is the whole process's (DuckDB's native memory included), from process.resourceUsage().
import { readFileSync } from "node:fs";
import { ingestMetadataFile, ingestConfigSchema } from "@/lib/metadata/ingest";

async function main() {
  const [engine, file, configFile] = process.argv.slice(2) as [string, string, string];
  const config = ingestConfigSchema.parse(JSON.parse(readFileSync(configFile, "utf8")));
  const started = performance.now();
  const summary =
    engine === "duckdb"
      ? await (await import("@/lib/metadata/duckdb")).ingestWithDuckDb(file, config, "bench")
      : await ingestMetadataFile(file, config, "bench");
  const ms = performance.now() - started;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, maxRssMb, images: summary.images }) + "\n");
}
void main();
