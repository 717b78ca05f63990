/** @jest-environment node */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { loadManifest } from "@/lib/metadata/data-files";
import {
  dataFileNames,
  deriveComplement,
  parseManifest,
  renameHeaderField,
  toDataFileName,
  type ManifestEntry,
} from "@/lib/metadata/sources";

// CI has ../shared/data beside the checkout: this is where the manifest's figures are checked.
const SHARED = path.join(process.cwd(), "..", "shared", "data");
const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
const manifest = loadManifest();
const names = Object.keys(manifest.files);

describe("data/manifest.json", () => {
  it("names every real metadata file the project uses", () => {
    expect(names).toEqual([
      "nih-chestxray14/Data_Entry_2017_v2020.csv.gz",
      "nih-chestxray14/Data_Entry_2017_v2020.csv",
      "nih-chestxray14/BBox_List_2017.csv",
      "nih-chestxray14/train_val_list.txt",
      "nih-chestxray14/test_list.txt",
      "rsna-pneumonia/stage_2_train_labels.csv",
      "isic-2019/ISIC_2019_Training_Metadata.csv",
      "isic-2019/ISIC_2019_Training_GroundTruth.csv",
      "isic-2020/ISIC_2020_Training_GroundTruth.csv",
      "isic-2020/ISIC_2020_Training_Duplicates.csv",
      "ham10000/HAM10000_metadata.csv",
      "pad-ufes-20/metadata.csv",
      "hyper-kvasir/image-labels.csv",
      "hyper-kvasir/official_splits/2_fold_split.csv",
      "hyper-kvasir/official_splits/5_fold_split.csv",
      "cbis-ddsm/calc_case_description_train_set.csv",
      "cbis-ddsm/calc_case_description_test_set.csv",
      "cbis-ddsm/mass_case_description_train_set.csv",
      "cbis-ddsm/mass_case_description_test_set.csv",
      "fetal-planes-db/FETAL_PLANES_DB_data.csv",
      "pi-cai/marksheet.csv",
      "kits19/kits.json",
    ]);
    expect(dataFileNames(manifest, "cbis-ddsm")).toHaveLength(4);
  });

  it.each(names)("%s: the copy in ../shared/data has the manifest's sha256 and size", (name) => {
    const file = path.join(SHARED, name);
    const entry = manifest.files[name]!;
    expect(sha256(readFileSync(file))).toBe(entry.sha256);
    expect(statSync(file).size).toBe(entry.bytes);
  });

  it.each(names.filter((name) => manifest.files[name]!.url))(
    "%s: the URL is the raw file at the pinned commit",
    (name) => {
      const { url, provenance } = manifest.files[name]!;
      expect(provenance!.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(url).toBe(
        `https://raw.githubusercontent.com/${provenance!.repository}/${provenance!.commit}/${provenance!.path}`,
      );
    },
  );

  it("records the NIH .csv as the unpacked .csv.gz, and the .csv.gz as its upstream bytes", () => {
    const csv = manifest.files["nih-chestxray14/Data_Entry_2017_v2020.csv"]!;
    const gz = manifest.files["nih-chestxray14/Data_Entry_2017_v2020.csv.gz"]!;
    expect(csv).toMatchObject({ unpack: "gzip", url: gz.url, upstream: { sha256: gz.sha256, bytes: gz.bytes } });
    const unpacked = gunzipSync(readFileSync(path.join(SHARED, "nih-chestxray14/Data_Entry_2017_v2020.csv.gz")));
    expect(sha256(unpacked)).toBe(csv.sha256);
  });

  it("derives NIH's test_list.txt exactly from Data_Entry and train_val_list", () => {
    const entry = manifest.files["nih-chestxray14/test_list.txt"]!;
    expect(entry).toMatchObject({ url: null, provenance: null, derived: { kind: "complement" } });
    const text = deriveComplement(
      readFileSync(path.join(SHARED, entry.derived!.ids), "utf8"),
      readFileSync(path.join(SHARED, entry.derived!.minus), "utf8"),
    );
    expect(text.split("\n")).toHaveLength(25596 + 1);
    expect(sha256(text)).toBe(entry.sha256);
  });

  it("marks the files that are not upstream bytes: archives, the HAM10000 header fix", () => {
    const changed = Object.fromEntries(
      names
        .filter((name) => manifest.files[name]!.upstream)
        .map((name) => {
          const e = manifest.files[name]!;
          return [name, e.unpack ?? e.patch?.kind];
        }),
    );
    expect(changed).toEqual({
      "nih-chestxray14/Data_Entry_2017_v2020.csv": "gzip",
      "nih-chestxray14/BBox_List_2017.csv": "gzip",
      "rsna-pneumonia/stage_2_train_labels.csv": "zip",
      "ham10000/HAM10000_metadata.csv": "rename-header-field",
    });
    expect(manifest.files["ham10000/HAM10000_metadata.csv"]!.upstream!.bytes).toBe(
      manifest.files["ham10000/HAM10000_metadata.csv"]!.bytes + 2,
    );
  });
});

describe("parseManifest", () => {
  const good: ManifestEntry = {
    dataset: "demo",
    file: "a.csv",
    url: "https://example.org/a.csv",
    sha256: "0".repeat(64),
    bytes: 1,
    licence: "CC0 1.0",
    provenance: { repository: "o/r", commit: "1".repeat(40), path: "a.csv" },
  };
  const parse =
    (entry: object, name = "demo/a.csv") =>
    () =>
      parseManifest({ files: { [name]: entry } }, "m.json");

  it("accepts a good entry", () => {
    expect(parse(good)()).toEqual({ files: { "demo/a.csv": good } });
  });

  it.each<[string, object, string]>([
    ["a bad sha256", { ...good, sha256: "abc" }, "m.json: files.demo/a.csv.sha256: expected a sha256"],
    ["a non-http URL", { ...good, url: "file:///etc/passwd" }, "m.json: files.demo/a.csv.url: expected an http(s) URL"],
    ["an unknown field", { ...good, colour: "red" }, 'm.json: files.demo/a.csv: Unrecognized key: "colour"'],
    ["unpack without upstream", { ...good, unpack: "gzip" }, "m.json: files.demo/a.csv.upstream: required with unpack"],
    [
      "zip without member",
      { ...good, unpack: "zip", upstream: { sha256: "1".repeat(64), bytes: 2 } },
      "member: required",
    ],
    [
      "a short commit not marked",
      { ...good, provenance: { ...good.provenance!, commit: "abcdef1" } },
      "a short commit id needs commitIsShort: true",
    ],
    [
      "a url on a derived file",
      { ...good, derived: { kind: "complement", description: "d", ids: "demo/a.csv", minus: "demo/a.csv" } },
      "a derived file has no url",
    ],
  ])("rejects %s, naming the entry and field", (_, entry, message) => {
    expect(parse(entry)).toThrow(message);
  });

  it("rejects a name that is not <dataset>/<file> of its entry, or climbs out of the folder", () => {
    expect(parse(good, "demo/b.csv")).toThrow("m.json: files.demo/b.csv: the name must be demo/a.csv");
    expect(parse({ ...good, file: "../a.csv" }, "demo/../a.csv")).toThrow("must not contain `..`");
  });

  it("accepts a short commit that says so", () => {
    const short = { ...good, provenance: { ...good.provenance!, commit: "abcdef1", commitIsShort: true } };
    expect(parse(short)()).toMatchObject({ files: { "demo/a.csv": { provenance: { commitIsShort: true } } } });
  });
});

describe("deriveComplement", () => {
  it("lists the first-column ids missing from the list, sorted, one per line (CRLF or LF)", () => {
    expect(deriveComplement("id,x\r\nb,1\r\nc,2\r\na,3\r\n", "c\n")).toBe("a\nb\n");
    expect(deriveComplement("id\nb\na", "")).toBe("a\nb\n");
  });
});

describe("renameHeaderField", () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  const text = (b: Uint8Array) => new TextDecoder().decode(b);

  it("renames one header field and leaves every other byte", () => {
    expect(text(renameHeaderField(bytes("a,loc19\r\n1,2\r\n"), "loc19", "loc"))).toBe("a,loc\r\n1,2\r\n");
    expect(text(renameHeaderField(bytes("a,loc19"), "loc19", "loc"))).toBe("a,loc");
  });

  it("throws when the header lacks the field (a data row does not count)", () => {
    expect(() => renameHeaderField(bytes("a,b\nloc19\n"), "loc19", "loc")).toThrow('the header has no field "loc19"');
  });
});

describe("toDataFileName", () => {
  it("reads a split list's name as within its dataset unless it is already a manifest name", () => {
    expect(toDataFileName("nih-chestxray14", "test_list.txt")).toBe("nih-chestxray14/test_list.txt");
    expect(toDataFileName("x", "nih-chestxray14/test_list.txt")).toBe("nih-chestxray14/test_list.txt");
  });
});
