// One timing in a fresh process, for `npm run bench`: `tsx scripts/bench-cold.ts <bare|summarize> <nih.csv>` prints
// the milliseconds that one run took. It imports only what the run needs, so the process is as fresh
// as `npm run ingest` is.
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { loadIngestConfig } from "@/lib/metadata/ingest";
import { summarizeMetadata } from "@/lib/metadata/summarize";

const text = readFileSync(process.argv[3]!, "utf8");
const config = loadIngestConfig("data", "nih-chestxray14");
const start = performance.now();
if (process.argv[2] === "bare") Papa.parse(text, { header: false });
else summarizeMetadata(text, config, { file: "Data_Entry_2017_v2020.csv" });
process.stdout.write(`${performance.now() - start}\n`);
