import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, readFileSync } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { createGunzip, inflateRawSync } from "node:zlib";
import {
  deriveComplement,
  parseManifest,
  renameHeaderField,
  toDataFileName,
  type Manifest,
  type ManifestEntry,
} from "@/lib/metadata/sources";

/**
 * The one way to get a real metadata file: `resolveDataFile("nih-chestxray14/train_val_list.txt")`
 * returns a local path whose sha256 is the manifest's. It looks in $LABEL_ATLAS_DATA, then
 * ../shared/data beside the checkout, then the cache (.data-cache/ or $LABEL_ATLAS_CACHE), and
 * otherwise downloads the file into the cache, keeping it only when its sha256 matches.
 */

export const MANIFEST_FILE = path.join("data", "manifest.json");

export interface DataFileOptions {
  /** The repository root (default: the working directory). */
  root?: string;
  env?: Record<string, string | undefined>;
  manifest?: Manifest;
  fetch?: typeof fetch;
}

export type FoundIn = "LABEL_ATLAS_DATA" | "../shared/data" | "cache" | "download";

export interface FoundDataFile {
  name: string;
  path: string;
  foundIn: FoundIn;
  /** Local copies passed over because their bytes differ: their sha256, or their size if that differs. */
  ignored: { path: string; actual: string }[];
}

export function describeIgnoredCopy(copy: FoundDataFile["ignored"][number]): string {
  return `${copy.path} (${/^[0-9a-f]{64}$/.test(copy.actual) ? `sha256 ${copy.actual}` : copy.actual})`;
}

/** A file that is neither here nor downloadable; the message is one line that says what to do. */
export class DataFileUnavailableError extends Error {
  override name = "DataFileUnavailableError";
}

const manifests = new Map<string, Manifest>();

export function loadManifest(root = process.cwd()): Manifest {
  const file = path.join(root, MANIFEST_FILE);
  let manifest = manifests.get(file);
  if (!manifest) {
    manifest = parseManifest(JSON.parse(readFileSync(file, "utf8")), MANIFEST_FILE);
    manifests.set(file, manifest);
  }
  return manifest;
}

const howToGet = (name: string) => `To use a copy you have, set LABEL_ATLAS_DATA to a folder holding ${name}.`;

// Duck-typed: errors from fetch may come from another realm (Jest's vm), where instanceof fails.
function describeError(error: unknown): string {
  const message = (e: unknown) =>
    typeof e === "object" && e !== null && "message" in e && typeof e.message === "string" && e.message !== ""
      ? e.message
      : null;
  const own = message(error) ?? String(error);
  const cause = typeof error === "object" && error !== null && "cause" in error ? message(error.cause) : null;
  return cause && cause !== own ? `${own}: ${cause}` : own;
}

// The sha256 of each local file looked at, once per process (null: no such file).
const verdicts = new Map<string, Promise<string | null>>();

async function sha256OfFile(file: string): Promise<string | null> {
  try {
    const hash = createHash("sha256");
    await pipeline(createReadStream(file), hash);
    return hash.digest("hex");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

async function checkedSha256(file: string, bytes: number): Promise<string | null> {
  let verdict = verdicts.get(file);
  if (!verdict) {
    // A wrong size is a wrong file without reading it.
    verdict = stat(file).then(
      (s) => (s.size === bytes ? sha256OfFile(file) : `${s.size} bytes, not ${bytes}`),
      () => null,
    );
    verdicts.set(file, verdict);
  }
  return verdict;
}

function cacheDir(root: string, env: Record<string, string | undefined>): string {
  return env.LABEL_ATLAS_CACHE ? path.resolve(root, env.LABEL_ATLAS_CACHE) : path.join(root, ".data-cache");
}

function entryOf(manifest: Manifest, name: string): ManifestEntry {
  const entry = manifest.files[name];
  if (!entry) throw new DataFileUnavailableError(`${name}: not a file named in ${MANIFEST_FILE}.`);
  return entry;
}

const inflight = new Map<string, Promise<FoundDataFile>>();

/** Where a manifest file is (downloading it if need be), and which local copies were passed over. */
export function locateDataFile(name: string, options: DataFileOptions = {}): Promise<FoundDataFile> {
  const root = options.root ?? process.cwd();
  const env = options.env ?? process.env;
  const key = JSON.stringify([root, env.LABEL_ATLAS_DATA, env.LABEL_ATLAS_CACHE, name]);
  let found = inflight.get(key);
  if (!found) {
    found = locate(name, { ...options, root, env }).finally(() => inflight.delete(key));
    inflight.set(key, found);
  }
  return found;
}

export async function resolveDataFile(name: string, options: DataFileOptions = {}): Promise<string> {
  return (await locateDataFile(name, options)).path;
}

/**
 * The local paths of the files an ingest config names besides its main file (split lists, stacked
 * inputs, joined files, a box list) that the manifest names, keyed as the config names them (a file
 * it does not name is left to be read beside the metadata file).
 */
export async function resolveConfigFiles(
  config: {
    dataset: string;
    splitLists: { file: string }[];
    inputs?: { file: string }[];
    join?: { file: string }[];
    boxFile?: { file: string };
  },
  options: DataFileOptions = {},
): Promise<Record<string, string>> {
  const manifest = options.manifest ?? loadManifest(options.root);
  const named = [
    ...config.splitLists,
    ...(config.inputs ?? []),
    ...(config.join ?? []),
    ...(config.boxFile ? [config.boxFile] : []),
  ].map((f) => f.file);
  const pairs = await Promise.all(
    [...new Set(named)]
      .map((file) => [file, toDataFileName(config.dataset, file)] as const)
      .filter(([, name]) => name in manifest.files)
      .map(async ([file, name]) => [file, await resolveDataFile(name, { ...options, manifest })] as const),
  );
  return Object.fromEntries(pairs);
}

/** A path, if it names a file, else a manifest name resolved to one. */
export async function resolvePathOrName(input: string, options: DataFileOptions = {}): Promise<string> {
  const isFile = await stat(input).then(
    (s) => s.isFile(),
    () => false,
  );
  if (isFile) return input;
  if (!(input in (options.manifest ?? loadManifest(options.root)).files))
    throw new DataFileUnavailableError(`${input}: no such file, and not a name in ${MANIFEST_FILE}.`);
  return resolveDataFile(input, options);
}

type Resolved = Required<Pick<DataFileOptions, "root" | "env">> & DataFileOptions;

async function locate(name: string, options: Resolved): Promise<FoundDataFile> {
  const { root, env } = options;
  const manifest = options.manifest ?? loadManifest(root);
  const entry = entryOf(manifest, name);
  const cached = path.join(cacheDir(root, env), name);
  const candidates: [FoundIn, string][] = [
    ...(env.LABEL_ATLAS_DATA
      ? [["LABEL_ATLAS_DATA", path.resolve(root, env.LABEL_ATLAS_DATA, name)] as [FoundIn, string]]
      : []),
    ["../shared/data", path.join(root, "..", "shared", "data", name)],
    ["cache", cached],
  ];
  const ignored: FoundDataFile["ignored"] = [];
  for (const [foundIn, file] of candidates) {
    const sha256 = await checkedSha256(file, entry.bytes);
    if (sha256 === entry.sha256) return { name, path: file, foundIn, ignored };
    if (sha256 !== null) ignored.push({ path: file, actual: sha256 });
  }
  try {
    await download(name, entry, cached, options);
  } catch (error) {
    if (!(error instanceof DataFileUnavailableError) || ignored.length === 0) throw error;
    const copies = ignored.map(describeIgnoredCopy).join(", ");
    throw new DataFileUnavailableError(`${error.message} Passed over, as their bytes differ: ${copies}.`);
  }
  verdicts.set(cached, Promise.resolve(entry.sha256));
  return { name, path: cached, foundIn: "download", ignored };
}

function hashing(into: { hash: ReturnType<typeof createHash>; bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      into.hash.update(chunk);
      into.bytes += chunk.length;
      callback(null, chunk);
    },
  });
}

function mismatch(name: string, what: string, expected: string, actual: string): DataFileUnavailableError {
  return new DataFileUnavailableError(
    `${name}: sha256 mismatch ${what}: expected ${expected}, got ${actual}; the download was deleted.`,
  );
}

async function download(name: string, entry: ManifestEntry, target: string, options: Resolved): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const part = `${target}.${process.pid}-${randomBytes(4).toString("hex")}.part`;
  try {
    let bytes: Uint8Array | null = null;
    if (entry.derived) {
      const { ids, minus } = entry.derived;
      const [idsPath, minusPath] = await Promise.all([
        resolveDataFile(ids, options),
        resolveDataFile(minus, options),
      ]).catch((error: unknown) => {
        throw new DataFileUnavailableError(`${name}: derived from ${ids} and ${minus}; ${describeError(error)}`);
      });
      bytes = new TextEncoder().encode(
        deriveComplement(await readFile(idsPath, "utf8"), await readFile(minusPath, "utf8")),
      );
    } else {
      const url = entry.url!;
      const got = await fetchTo(name, url, part, options.fetch ?? fetch);
      const expected = entry.upstream ?? entry;
      if (got.sha256 !== expected.sha256) throw mismatch(name, `of ${url}`, expected.sha256, got.sha256);
      if (entry.unpack === "gzip") {
        const unpacked = `${part}.gunzip`;
        await pipeline(createReadStream(part), createGunzip(), createWriteStream(unpacked));
        await rename(unpacked, part);
      } else if (entry.unpack === "zip") {
        bytes = extractZipMember(await readFile(part), entry.member!);
      } else if (entry.patch) {
        bytes = renameHeaderField(await readFile(part), entry.patch.from, entry.patch.to);
      }
    }
    if (bytes) await writeFile(part, bytes);
    const actual = await sha256OfFile(part);
    const how = entry.derived ? "after deriving it" : entry.unpack ? `after ${entry.unpack} unpack` : "after patching";
    if (actual !== entry.sha256) throw mismatch(name, how, entry.sha256, actual ?? "nothing");
    await rename(part, target);
  } catch (error) {
    throw error instanceof DataFileUnavailableError
      ? error
      : new DataFileUnavailableError(`${name}: ${describeError(error)}; the download was deleted.`);
  } finally {
    await rm(part, { force: true });
  }
}

async function fetchTo(
  name: string,
  url: string,
  file: string,
  fetchImpl: typeof fetch,
): Promise<{ sha256: string; bytes: number }> {
  const fail = (reason: string) =>
    new DataFileUnavailableError(`${name}: could not download ${url} (${reason}). ${howToGet(name)}`);
  let response: Response;
  try {
    response = await fetchImpl(url, { redirect: "follow" });
  } catch (error) {
    throw fail(describeError(error));
  }
  if (!response.ok || !response.body) throw fail(`HTTP ${response.status} ${response.statusText}`.trim());
  const into = { hash: createHash("sha256"), bytes: 0 };
  try {
    await pipeline(
      Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>),
      hashing(into),
      createWriteStream(file),
    );
  } catch (error) {
    throw fail(`transfer interrupted after ${into.bytes} bytes: ${describeError(error)}`);
  }
  return { sha256: into.hash.digest("hex"), bytes: into.bytes };
}

/** One member of a zip archive, found through the central directory (stored or deflated). */
export function extractZipMember(zip: Buffer, member: string): Buffer {
  const bad = (why: string) => new Error(`not a readable zip archive (${why})`);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i -= 1)
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd === -1) throw bad("no end of central directory");
  let at = zip.readUInt32LE(eocd + 16);
  const count = zip.readUInt16LE(eocd + 10);
  for (let n = 0; n < count; n += 1) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw bad("broken central directory");
    const nameLength = zip.readUInt16LE(at + 28);
    const entryName = zip.toString("utf8", at + 46, at + 46 + nameLength);
    if (entryName === member) {
      const method = zip.readUInt16LE(at + 10);
      let compressed = zip.readUInt32LE(at + 20);
      let size = zip.readUInt32LE(at + 24);
      let local = zip.readUInt32LE(at + 42);
      // Zip64: a field of all ones is in the extra field 0x0001, in this order, when it is all ones.
      const extra = zip.subarray(at + 46 + nameLength, at + 46 + nameLength + zip.readUInt16LE(at + 30));
      for (let x = 0; x + 4 <= extra.length; x += 4 + extra.readUInt16LE(x + 2)) {
        if (extra.readUInt16LE(x) !== 0x0001) continue;
        let y = x + 4;
        const next = () => {
          y += 8;
          return Number(extra.readBigUInt64LE(y - 8));
        };
        if (size === 0xffffffff) size = next();
        if (compressed === 0xffffffff) compressed = next();
        if (local === 0xffffffff) local = next();
      }
      if (zip.readUInt32LE(local) !== 0x04034b50) throw bad("broken local header");
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressed);
      const out = method === 0 ? data : method === 8 ? inflateRawSync(data) : null;
      if (!out) throw bad(`compression method ${method}`);
      if (out.length !== size) throw bad(`${member} unpacks to ${out.length} bytes, not ${size}`);
      return out;
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw bad(`no member ${member}`);
}
