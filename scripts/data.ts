// npm run data [-- --dataset <id>]
// Makes every file of data/manifest.json (or one dataset's) available locally: found in
// $LABEL_ATLAS_DATA, ../shared/data or the cache, or downloaded into the cache and verified by sha256.
import path from "node:path";
import {
  DataFileUnavailableError,
  describeIgnoredCopy,
  loadManifest,
  locateDataFile,
  type FoundDataFile,
} from "@/lib/metadata/data-files";
import { dataFileNames } from "@/lib/metadata/sources";

function describe(found: FoundDataFile): string {
  const relative = path.relative(process.cwd(), found.path);
  const where = relative.startsWith(`..${path.sep}..`) ? found.path : relative;
  return found.foundIn === "download" ? `downloaded to ${where}, sha256 verified` : `${where}, sha256 verified`;
}

async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf("--dataset");
  const dataset = at === -1 ? undefined : args[at + 1];
  if (at !== -1 && !dataset) throw new DataFileUnavailableError("usage: npm run data [-- --dataset <id>]");
  const manifest = loadManifest();
  const names = dataFileNames(manifest, dataset);
  if (names.length === 0) throw new DataFileUnavailableError(`no file of dataset ${dataset} in data/manifest.json`);
  const missing: string[] = [];
  for (const name of names) {
    try {
      const found = await locateDataFile(name, { manifest });
      for (const copy of found.ignored) console.log(`  passed over ${describeIgnoredCopy(copy)}: other bytes`);
      console.log(`ok ${name}: ${describe(found)}`);
    } catch (error) {
      if (!(error instanceof DataFileUnavailableError)) throw error;
      missing.push(error.message);
    }
  }
  for (const line of missing) console.error(`missing ${line}`);
  if (missing.length > 0) {
    console.error(`${missing.length} of ${names.length} data files are missing.`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
