/** @jest-environment node */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32, deflateRawSync, gzipSync } from "node:zlib";
import {
  extractZipMember,
  locateDataFile,
  resolveDataFile,
  resolvePathOrName,
  resolveConfigFiles,
} from "@/lib/metadata/data-files";
import { parseManifest, type Manifest, type ManifestEntry } from "@/lib/metadata/sources";

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
const GOOD = Buffer.from("Image Index,Finding Labels\r\na.png,Mass\r\nb.png,No Finding\r\n");
const RAW_HEADER = Buffer.from("lesion_id,image_id,localization19\nHAM_1,ISIC_1,scalp\n");
const PATCHED = Buffer.from("lesion_id,image_id,localization\nHAM_1,ISIC_1,scalp\n");

/** A zip archive with one deflated member; `zip64` puts the sizes and offset in a Zip64 extra field. */
function zipOf(member: string, content: Buffer, zip64 = false): Buffer {
  const name = Buffer.from(member);
  const data = deflateRawSync(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc32(content), 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(name.length, 26);
  const extra = Buffer.alloc(zip64 ? 28 : 0);
  if (zip64) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(24, 2);
    extra.writeBigUInt64LE(BigInt(content.length), 4);
    extra.writeBigUInt64LE(BigInt(data.length), 12);
    extra.writeBigUInt64LE(0n, 20);
  }
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(45, 4);
  central.writeUInt16LE(45, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc32(content), 16);
  central.writeUInt32LE(zip64 ? 0xffffffff : data.length, 20);
  central.writeUInt32LE(zip64 ? 0xffffffff : content.length, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt16LE(extra.length, 30);
  central.writeUInt32LE(zip64 ? 0xffffffff : 0, 42);
  const centralStart = local.length + name.length + data.length;
  const centralSize = central.length + name.length + extra.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralStart, 16);
  return Buffer.concat([local, name, data, central, name, extra, end]);
}

const routes: Record<string, (res: ServerResponse) => void> = {
  "/good.csv": (res) => res.end(GOOD),
  "/labels.csv.gz": (res) => res.end(gzipSync(GOOD)),
  "/labels.zip": (res) => res.end(zipOf("labels.csv", GOOD, true)),
  "/raw.csv": (res) => res.end(RAW_HEADER),
  "/list.csv": (res) => res.end("Image Index,Age\nc.png,1\na.png,2\nb.png,3\n"),
  "/train.txt": (res) => res.end("b.png\n"),
  "/cut.csv": (res) => {
    res.writeHead(200, { "content-length": String(GOOD.length) });
    res.write(GOOD.subarray(0, 20), () => res.socket?.destroy());
  },
};
let server: Server;
let base = "";
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    const route = routes[req.url ?? ""];
    if (route) return route(res);
    res.statusCode = 404;
    res.end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A fresh repository root in a temporary folder: no ../shared/data beside it, an empty cache. */
function freshRoot(): string {
  const root = path.join(mkdtempSync(path.join(tmpdir(), "data-files-")), "repo");
  mkdirSync(root);
  return root;
}

function entry(over: Partial<ManifestEntry> = {}): ManifestEntry {
  return {
    dataset: "demo",
    file: "labels.csv",
    url: `${base}/good.csv`,
    sha256: sha256(GOOD),
    bytes: GOOD.length,
    licence: "CC0 1.0",
    provenance: { repository: "owner/repo", commit: "a".repeat(40), path: "labels.csv" },
    ...over,
  };
}

const manifestOf = (files: Record<string, ManifestEntry>): Manifest => parseManifest({ files }, "test manifest");
const cacheFiles = (root: string) => readdirSync(path.join(root, ".data-cache", "demo"));

describe("locateDataFile downloading from a server", () => {
  it("downloads a good file into the cache, verifies it, then uses the cache without a request", async () => {
    const root = freshRoot();
    const manifest = manifestOf({ "demo/labels.csv": entry() });
    const before = requests.length;
    const first = await locateDataFile("demo/labels.csv", { root, env: {}, manifest });
    expect(first).toEqual({
      name: "demo/labels.csv",
      path: path.join(root, ".data-cache", "demo", "labels.csv"),
      foundIn: "download",
      ignored: [],
    });
    expect(readFileSync(first.path)).toEqual(GOOD);
    expect(requests.slice(before)).toEqual(["/good.csv"]);
    const second = await locateDataFile("demo/labels.csv", { root, env: {}, manifest });
    expect(second.foundIn).toBe("cache");
    expect(requests.length).toBe(before + 1);
    expect(cacheFiles(root)).toEqual(["labels.csv"]);
  });

  it("rejects a download whose sha256 differs, naming the file and both hashes, and keeps nothing", async () => {
    const root = freshRoot();
    const expected = sha256("other bytes");
    const manifest = manifestOf({ "demo/labels.csv": entry({ sha256: expected }) });
    await expect(resolveDataFile("demo/labels.csv", { root, env: {}, manifest })).rejects.toThrow(
      `demo/labels.csv: sha256 mismatch of ${base}/good.csv: expected ${expected}, got ${sha256(GOOD)}; ` +
        "the download was deleted.",
    );
    expect(cacheFiles(root)).toEqual([]);
  });

  it("says which file and URL gave a 404, and how to get the file", async () => {
    const root = freshRoot();
    const manifest = manifestOf({ "demo/labels.csv": entry({ url: `${base}/gone.csv` }) });
    await expect(resolveDataFile("demo/labels.csv", { root, env: {}, manifest })).rejects.toThrow(
      `demo/labels.csv: could not download ${base}/gone.csv (HTTP 404 Not Found). ` +
        "To use a copy you have, set LABEL_ATLAS_DATA to a folder holding demo/labels.csv.",
    );
    expect(cacheFiles(root)).toEqual([]);
  });

  it("reports a transfer cut off mid-body, and keeps no partial file", async () => {
    const root = freshRoot();
    const manifest = manifestOf({ "demo/labels.csv": entry({ url: `${base}/cut.csv` }) });
    const error: Error = await resolveDataFile("demo/labels.csv", { root, env: {}, manifest }).then(
      () => new Error("resolved"),
      (e: Error) => e,
    );
    expect(error.message).toMatch(
      new RegExp(`^demo/labels\\.csv: could not download ${base}/cut\\.csv \\(transfer interrupted after \\d+ bytes: `),
    );
    expect(error.message).toContain("set LABEL_ATLAS_DATA to a folder holding demo/labels.csv");
    expect(error.message).not.toContain("\n");
    expect(cacheFiles(root)).toEqual([]);
  });

  it("reports a server that cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/labels.csv`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const manifest = manifestOf({ "demo/labels.csv": entry({ url }) });
    await expect(resolveDataFile("demo/labels.csv", { root: freshRoot(), env: {}, manifest })).rejects.toThrow(
      new RegExp(`^demo/labels\\.csv: could not download ${url} \\(fetch failed: .*ECONNREFUSED`),
    );
  });
});

describe("locateDataFile with local copies", () => {
  it("uses a copy in LABEL_ATLAS_DATA whose sha256 matches, without a request", async () => {
    const root = freshRoot();
    const data = mkdtempSync(path.join(tmpdir(), "data-files-own-"));
    mkdirSync(path.join(data, "demo"));
    writeFileSync(path.join(data, "demo", "labels.csv"), GOOD);
    const before = requests.length;
    const found = await locateDataFile("demo/labels.csv", {
      root,
      env: { LABEL_ATLAS_DATA: data },
      manifest: manifestOf({ "demo/labels.csv": entry() }),
    });
    expect(found).toMatchObject({ path: path.join(data, "demo", "labels.csv"), foundIn: "LABEL_ATLAS_DATA" });
    expect(requests.length).toBe(before);
  });

  it("passes over a local copy with the wrong sha256 (even of the right size) and downloads instead", async () => {
    const root = freshRoot();
    const data = mkdtempSync(path.join(tmpdir(), "data-files-own-"));
    mkdirSync(path.join(data, "demo"));
    const wrong = Buffer.from(GOOD.toString().replace("Mass", "Mask"));
    writeFileSync(path.join(data, "demo", "labels.csv"), wrong);
    const found = await locateDataFile("demo/labels.csv", {
      root,
      env: { LABEL_ATLAS_DATA: data },
      manifest: manifestOf({ "demo/labels.csv": entry() }),
    });
    expect(found.foundIn).toBe("download");
    expect(found.ignored).toEqual([{ path: path.join(data, "demo", "labels.csv"), actual: sha256(wrong) }]);
    expect(readFileSync(found.path)).toEqual(GOOD);
  });

  it("names the copies it passed over when the download fails too", async () => {
    const data = mkdtempSync(path.join(tmpdir(), "data-files-own-"));
    mkdirSync(path.join(data, "demo"));
    writeFileSync(path.join(data, "demo", "labels.csv"), "old");
    const options = {
      root: freshRoot(),
      env: { LABEL_ATLAS_DATA: data },
      manifest: manifestOf({ "demo/labels.csv": entry({ url: `${base}/gone.csv` }) }),
    };
    await expect(resolveDataFile("demo/labels.csv", options)).rejects.toThrow(
      `(HTTP 404 Not Found). To use a copy you have, set LABEL_ATLAS_DATA to a folder holding demo/labels.csv. ` +
        `Passed over, as their bytes differ: ${path.join(data, "demo", "labels.csv")} (3 bytes, not ${GOOD.length}).`,
    );
  });

  it("replaces a wrong copy in the cache, which can live in LABEL_ATLAS_CACHE", async () => {
    const root = freshRoot();
    const cache = mkdtempSync(path.join(tmpdir(), "data-files-cache-"));
    mkdirSync(path.join(cache, "demo"));
    writeFileSync(path.join(cache, "demo", "labels.csv"), "stale");
    const found = await locateDataFile("demo/labels.csv", {
      root,
      env: { LABEL_ATLAS_CACHE: cache },
      manifest: manifestOf({ "demo/labels.csv": entry() }),
    });
    expect(found).toMatchObject({ path: path.join(cache, "demo", "labels.csv"), foundIn: "download" });
    expect(found.ignored).toEqual([
      { path: path.join(cache, "demo", "labels.csv"), actual: `5 bytes, not ${GOOD.length}` },
    ]);
    expect(readFileSync(found.path)).toEqual(GOOD);
    expect(existsSync(path.join(root, ".data-cache"))).toBe(false);
  });

  it("names an unknown file and a path that is neither a file nor a manifest name", async () => {
    const options = { root: freshRoot(), env: {}, manifest: manifestOf({ "demo/labels.csv": entry() }) };
    await expect(resolveDataFile("demo/other.csv", options)).rejects.toThrow(
      "demo/other.csv: not a file named in data/manifest.json.",
    );
    await expect(resolvePathOrName("no/such.csv", options)).rejects.toThrow(
      "no/such.csv: no such file, and not a name in data/manifest.json.",
    );
  });
});

describe("files that are not the bytes at their URL", () => {
  const upstream = (bytes: Buffer) => ({ upstream: { sha256: sha256(bytes), bytes: bytes.length } });

  it("unpacks a .gz and checks both the archive and the result", async () => {
    const gz = gzipSync(GOOD);
    const manifest = manifestOf({
      "demo/labels.csv": entry({ url: `${base}/labels.csv.gz`, unpack: "gzip", ...upstream(gz) }),
    });
    const file = await resolveDataFile("demo/labels.csv", { root: freshRoot(), env: {}, manifest });
    expect(readFileSync(file)).toEqual(GOOD);
  });

  it("rejects an archive whose own sha256 differs from the manifest's upstream one", async () => {
    const root = freshRoot();
    const wrong = { sha256: sha256("x"), bytes: 1 };
    const manifest = manifestOf({
      "demo/labels.csv": entry({ url: `${base}/labels.csv.gz`, unpack: "gzip", upstream: wrong }),
    });
    await expect(resolveDataFile("demo/labels.csv", { root, env: {}, manifest })).rejects.toThrow(
      `demo/labels.csv: sha256 mismatch of ${base}/labels.csv.gz: expected ${wrong.sha256}, got ${sha256(gzipSync(GOOD))}`,
    );
    expect(cacheFiles(root)).toEqual([]);
  });

  it("takes one member out of a zip (Zip64 sizes, as in the RSNA archive)", async () => {
    const zip = zipOf("labels.csv", GOOD, true);
    const manifest = manifestOf({
      "demo/labels.csv": entry({ url: `${base}/labels.zip`, unpack: "zip", member: "labels.csv", ...upstream(zip) }),
    });
    const file = await resolveDataFile("demo/labels.csv", { root: freshRoot(), env: {}, manifest });
    expect(readFileSync(file)).toEqual(GOOD);
    expect(extractZipMember(zipOf("a/b.csv", GOOD), "a/b.csv")).toEqual(GOOD);
    expect(() => extractZipMember(zip, "other.csv")).toThrow("not a readable zip archive (no member other.csv)");
  });

  it("renames a header field (the HAM10000 fix) and verifies the patched bytes", async () => {
    const patch = {
      kind: "rename-header-field" as const,
      from: "localization19",
      to: "localization",
      description: "a stray 19",
    };
    const manifest = manifestOf({
      "demo/labels.csv": entry({
        url: `${base}/raw.csv`,
        patch,
        sha256: sha256(PATCHED),
        bytes: PATCHED.length,
        ...upstream(RAW_HEADER),
      }),
    });
    const file = await resolveDataFile("demo/labels.csv", { root: freshRoot(), env: {}, manifest });
    expect(readFileSync(file)).toEqual(PATCHED);
  });

  it("derives a test list as the complement of a train list, from the files it names", async () => {
    const csv = Buffer.from("Image Index,Age\nc.png,1\na.png,2\nb.png,3\n");
    const train = Buffer.from("b.png\n");
    const derived = Buffer.from("a.png\nc.png\n");
    const options = {
      root: freshRoot(),
      env: {},
      manifest: manifestOf({
        "demo/list.csv": entry({ file: "list.csv", url: `${base}/list.csv`, sha256: sha256(csv), bytes: csv.length }),
        "demo/train.txt": entry({
          file: "train.txt",
          url: `${base}/train.txt`,
          sha256: sha256(train),
          bytes: train.length,
        }),
        "demo/test.txt": entry({
          file: "test.txt",
          url: null,
          provenance: null,
          sha256: sha256(derived),
          bytes: derived.length,
          derived: { kind: "complement", description: "the rest", ids: "demo/list.csv", minus: "demo/train.txt" },
        }),
      }),
    };
    expect(readFileSync(await resolveDataFile("demo/test.txt", options), "utf8")).toBe("a.png\nc.png\n");
    const lists = await resolveConfigFiles(
      { dataset: "demo", splitLists: [{ file: "train.txt" }, { file: "test.txt" }, { file: "beside.txt" }] },
      options,
    );
    expect(lists).toEqual({
      "train.txt": path.join(options.root, ".data-cache", "demo", "train.txt"),
      "test.txt": path.join(options.root, ".data-cache", "demo", "test.txt"),
    });
  });
});
