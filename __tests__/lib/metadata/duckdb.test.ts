/** @jest-environment node */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { resolveConfigFiles, resolveDataFile } from "@/lib/metadata/data-files";
import { DUCKDB_ENGINE, ingestWithDuckDb, runSummaryQuery } from "@/lib/metadata/duckdb";
import { ingestConfigSchema, ingestMetadataFile, loadIngestConfig } from "@/lib/metadata/ingest";
import { summaryFromSqlResult, summarySql, unsupportedBySql } from "@/lib/metadata/sql";
import type { RowsSummary } from "@/lib/summary/model";

const SHARED = path.join(process.cwd(), "..", "shared", "data");
const NIH_CSV = path.join(SHARED, "nih-chestxray14", "Data_Entry_2017_v2020.csv");
const RSNA_CSV = path.join(SHARED, "rsna-pneumonia", "stage_2_train_labels.csv");

let dir: string;
let db: DuckDBConnection;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "duckdb-test-"));
  db = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => {
  db.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

/** A Parquet file of text columns, written by DuckDB from these CSV rows (`name`.csv beside it). */
async function writeParquet(name: string, header: string, rows: string[][]): Promise<string> {
  const csv = path.join(dir, `${name}.csv`);
  writeFileSync(csv, [header, ...rows.map((r) => r.join(","))].join("\n") + "\n");
  const parquet = path.join(dir, `${name}.parquet`);
  await db.run(`copy (select * from read_csv('${csv}', all_varchar = true)) to '${parquet}' (format parquet)`);
  return parquet;
}

/** Every field, apart from the engine's name and the generation date. */
function comparable({ provenance, ...rest }: RowsSummary) {
  const { engine, generated, ...kept } = provenance;
  void engine;
  void generated;
  return { ...rest, provenance: kept };
}

describe("the DuckDB engine", () => {
  it("gives NIH's summary field by field as the JS loader does, boxes of the box file included", async () => {
    const config = loadIngestConfig("data", "nih-chestxray14");
    const [js, duck] = await Promise.all([
      ingestMetadataFile(NIH_CSV, config, "js"),
      ingestWithDuckDb(NIH_CSV, config, "duck"),
    ]);
    expect(comparable(duck)).toEqual(comparable(js));
    expect(duck.provenance.engine).toBe(DUCKDB_ENGINE);
    expect(duck.images).toBe(112120);
    expect(duck.patients).toBe(30805);
    expect(duck.labelSets).toHaveLength(js.labelSets.length);
    expect(duck.dims.split).toEqual(["train/val", "test"]);
    expect(duck.boxes).toMatchObject({ file: "BBox_List_2017.csv", total: 984, unmatched: 0 });
    expect(duck.boxes!.sizeRelative).not.toBeNull();
    expect(duck.provenance.files.map((f) => f.name)).toEqual([
      "Data_Entry_2017_v2020.csv",
      "train_val_list.txt",
      "test_list.txt",
      "BBox_List_2017.csv",
    ]);
  }, 120_000);

  it("gives RSNA's summary (binary labels, rows per image, an empty label, boxes in the label file) as the JS loader does", async () => {
    const config = loadIngestConfig("data", "rsna-pneumonia");
    const js = await ingestMetadataFile(RSNA_CSV, config, "js");
    const duck = await ingestWithDuckDb(RSNA_CSV, config, "duck");
    expect(comparable(duck)).toEqual(comparable(js));
    expect(duck.images).toBe(26684);
    expect(duck.labels).toEqual(["Pneumonia", "No pneumonia"]);
    expect(duck.boxes).toMatchObject({ file: "stage_2_train_labels.csv", total: 9555, images: 6012, unmatched: 0 });
  }, 60_000);

  it("agrees with the JS loader on problems, ties, aliases, ages, sexes and merged rows (from Parquet, both by row)", async () => {
    const rows = [
      ["a", "Mass| Nodule ", "p1", "F", "58", "PA", "1"],
      ["", "Mass", "p1", "F", "58", "PA", "1"],
      ["b", "Infiltrate", "p2", " male", "058Y", "AP", "0"],
      ["a", "Effusion", "p1", "F", "58", "PA", "1"],
      ["c", "", "p3", "x", "6M", " ", ""],
      ["d", "Nodule|Mass", "p3", "", "414", "AP", "2"],
      ["e", "No Finding", "", "FEMALE", "old", "PA", "0"],
      ["f", "Effusion|Infiltration", "p4", "M", "101", "LL", "1"],
    ];
    const values = rows.map((r) => `(${r.map((v) => `'${v}'`).join(", ")})`).join(", ");
    const file = path.join(dir, "mixed.parquet");
    await db.run(
      `copy (select * from (values ${values}) t(id, labels, patient, sex, age, view, split)) to '${file}' (format parquet)`,
    );
    const config = ingestConfigSchema.parse({
      dataset: "t",
      roles: { image: "id", patient: "patient", sex: "sex", age: "age", view: "view", split: "split" },
      encoding: { kind: "delimited", column: "labels", separator: "|" },
      aliases: { Infiltrate: "Infiltration" },
      splitValues: { "1": "train", "0": "test" },
      emptyLabel: "No label",
    });
    const js = await ingestMetadataFile(file, config, "js");
    const duck = await ingestWithDuckDb(file, config, "duck");
    expect(comparable(duck)).toEqual(comparable(js));
    expect(duck.provenance.problems.map((p) => `row ${p.line}: ${p.message}`)).toEqual([
      "row 2: blank image id (skipped)",
      'row 4: image "a" appears again (skipped; declare rows per image if this is intended)',
      'row 6: impossible age "414" (over 120 years): counted as unknown',
      'row 7: unreadable age "old" (expected a number of years, or 058Y, 6M, 20D)',
    ]);
    expect(duck.labels).toEqual(["Mass", "Nodule", "Infiltration", "Effusion", "No Finding", "No label"]);
    expect(duck.dims.sex).toEqual(["F", "M", "X", "unknown"]);
    expect(duck.dims.split).toEqual(["train", "test", "2", "unknown"]);
  }, 60_000);

  it("merges rows per image into the sets the JS loader makes on the way, binary states included", async () => {
    const rows = [
      ["a", "1", "0"],
      ["b", "0", "-1"],
      ["a", "0", "1"],
      ["b", "1", "x"],
      ["c", "", ""],
      ["a", "1", "1"],
    ];
    const parquet = await writeParquet("binary", "id,A,B", rows);
    const config = ingestConfigSchema.parse({
      dataset: "t",
      roles: { image: "id" },
      encoding: {
        kind: "binary",
        columns: [
          { column: "A", label: "Alpha" },
          { column: "B", label: "Beta" },
        ],
      },
      rowsPerImage: true,
      emptyLabel: "Nothing",
    });
    const js = await ingestMetadataFile(parquet, config, "js");
    const duck = await ingestWithDuckDb(parquet, config, "duck");
    expect(comparable(duck)).toEqual(comparable(js));
    expect(duck.labelStates).toEqual([
      { positive: 2, negative: 0, uncertain: 0, blank: 1 },
      { positive: 1, negative: 0, uncertain: 1, blank: 1 },
    ]);
    expect(duck.provenance.rowsFlagged).toBe(1);
  }, 60_000);

  it.each([true, false])(
    "counts groups and attributes over binary labels as the JS loader does (rows per image: %s)",
    async (rowsPerImage) => {
      const rows = [
        ["a", "1", "0", "L1", "7", "x"],
        ["b", "0", "1", "L1", "", "y"],
        ["a", "0", "1", "L2", "12", "z"],
        ["c", "", "", "", "x1", "y"],
        ["d", "1", "1", "L3", "3", ""],
      ];
      const parquet = await writeParquet(`binary-groups-${rowsPerImage}`, "id,A,B,lesion,size,site", rows);
      const config = ingestConfigSchema.parse({
        dataset: "t",
        roles: { image: "id" },
        encoding: {
          kind: "binary",
          columns: [
            { column: "A", label: "Alpha" },
            { column: "B", label: "Beta" },
          ],
        },
        rowsPerImage,
        emptyLabel: "Nothing",
        groups: [{ column: "lesion", name: "lesions" }],
        attributes: [{ column: "size", bins: [5, 10] }, { column: "site" }],
      });
      const js = await ingestMetadataFile(parquet, config, "js");
      const duck = await ingestWithDuckDb(parquet, config, "duck");
      expect(comparable(duck)).toEqual(comparable(js));
      expect(duck.groups[0]!.labelCounts).toEqual([2, 2, 0]);
    },
    60_000,
  );

  it("agrees with the JS loader on attributes and groups: bins, blanks, unreadable numbers, mapped values, lesions across splits", async () => {
    const rows = [
      ["a", "Mass", "p1", "1", "back", "L1", "3.5", "yes"],
      ["b", "Mass", "p1", "0", "", "L1", "x", "no"],
      ["c", "Nodule", "p2", "1", "face", "", "-2", "no"],
      ["d", "", "p3", "1", "face", "L2", "", "?"],
      ["e", "Nodule", "p3", "1", "back", "L2", "1e1", "maybe"],
      ["f", "Mass", "p4", "1", "neck", "L3", " 40 ", "yes"],
      ["g", "Nodule", "", "", "neck", "L3", "n/a", "1"],
    ];
    const values = rows.map((r) => `(${r.map((v) => `'${v}'`).join(", ")})`).join(", ");
    const file = path.join(dir, "attributes.parquet");
    await db.run(
      `copy (select * from (values ${values}) t(id, labels, patient, split, site, lesion, size, biopsy)) to '${file}' (format parquet)`,
    );
    const config = ingestConfigSchema.parse({
      dataset: "t",
      roles: { image: "id", patient: "patient", split: "split" },
      encoding: { kind: "single", column: "labels" },
      splitValues: { "1": "train", "0": "test" },
      emptyLabel: "No label",
      attributes: [
        { column: "site", name: "Site" },
        { column: "size", key: "size", bins: [0, 2, 5, 10, 20, 30], unit: "mm", values: { "n/a": "" } },
        { column: "biopsy", values: { yes: "biopsied", no: "", "?": "unknown" } },
      ],
      groups: [{ column: "lesion", name: "lesions" }],
    });
    const js = await ingestMetadataFile(file, config, "js");
    const duck = await ingestWithDuckDb(file, config, "duck");
    expect(comparable(duck)).toEqual(comparable(js));
    expect(duck.attributes.map((a) => a.values)).toEqual([
      ["back", "face", "neck", "unknown"],
      ["2–<5 mm", "5–<10 mm", "10–<20 mm", "20–<30 mm", "≥ 30 mm", "unknown"],
      ["biopsied", "maybe", "1", "unknown"],
    ]);
    expect(duck.groups).toEqual([
      {
        key: "lesion",
        name: "lesions",
        column: "lesion",
        total: 3,
        imagesWithout: 1,
        labelCounts: [2, 2, 1],
        splitCounts: [3, 1, 1],
        inSeveralSplits: 2,
      },
    ]);
    expect(duck.provenance.problems.map((p) => `row ${p.line}: ${p.message}`)).toEqual([
      'row 2: unreadable number "x" for size: counted as unknown',
    ]);
  }, 60_000);

  it.each(["delimited", "binary"] as const)(
    "counts boxes in the label file as the JS loader does: a row's first label, unreadable boxes, sizes (%s labels)",
    async (kind) => {
      const rows = [
        ["a", "B|A", "1", "0", "10", "10", "20", "30", "1024", "1024"],
        ["a", "A", "0", "1", "5", "5", "100", "100", "1024", "1024"],
        ["b", "A", "0", "1", "", "", "", "", "512", ""],
        ["b", "A", "0", "1", "1", "2", "3", "4", "512", ""],
        ["c", "", "0", "0", "1", "1", "5", "5", "100", "100"],
        ["d", "C", "1", "0", "x", "", "7", "8", "100", "100"],
        ["e", "C", "1", "0", "1", "1", "-3", "4", "100", "100"],
        ["f", "A|C", "1", "1", "0", "0", "2000", "2000", "100", "100"],
      ];
      const values = rows.map((r) => `(${r.map((v) => `'${v}'`).join(", ")})`).join(", ");
      const file = path.join(dir, `boxes-${kind}.parquet`);
      await db.run(
        `copy (select * from (values ${values}) t(id, labels, P, Q, x, y, w, h, iw, ih)) to '${file}' (format parquet)`,
      );
      const config = ingestConfigSchema.parse({
        dataset: "t",
        roles: { image: "id", width: "iw", height: "ih" },
        encoding:
          kind === "binary"
            ? {
                kind: "binary",
                columns: [
                  { column: "P", label: "Pea" },
                  { column: "Q", label: "Queue" },
                ],
              }
            : { kind: "delimited", column: "labels", separator: "|" },
        rowsPerImage: true,
        boxes: { x: "x", y: "y", width: "w", height: "h" },
      });
      const js = await ingestMetadataFile(file, config, "js");
      const duck = await ingestWithDuckDb(file, config, "duck");
      expect(comparable(duck)).toEqual(comparable(js));
      expect(duck.boxes).toMatchObject({ total: 4, unmatched: 3, sizeRelative: null });
      expect(duck.boxes!.labels).toEqual(
        kind === "binary"
          ? [
              { label: "Pea", boxes: 2, images: 2 },
              { label: "Queue", boxes: 2, images: 2 },
            ]
          : [
              { label: "A", boxes: 3, images: 3 },
              { label: "B", boxes: 1, images: 1 },
            ],
      );
      expect(duck.provenance.rowsFlagged).toBe(3);
    },
    60_000,
  );

  it("counts the boxes of a box file as the JS loader does: images not in the label file, unreadable sizes", async () => {
    const csv = path.join(dir, "labels-with-box-file.csv");
    writeFileSync(csv, "id,labels,iw,ih\na,Mass,100,100\nb,Nodule,200,100\nc,Mass,50,50\n");
    writeFileSync(
      path.join(dir, "box-list.csv"),
      "Image,Finding,bx,by,bw,bh\na,Mass,1,2,10,10\nzz,Mass,1,1,1,1\nb,Nodule,1,1,0,5\nc,Mass,,1,2,2\na, Nodule ,3,3,90,60\n",
    );
    const config = ingestConfigSchema.parse({
      dataset: "t",
      roles: { image: "id", width: "iw", height: "ih" },
      encoding: { kind: "single", column: "labels" },
      boxFile: { file: "box-list.csv", image: "Image", label: "Finding", x: "bx", y: "by", width: "bw", height: "bh" },
    });
    const js = await ingestMetadataFile(csv, config, "js");
    const duck = await ingestWithDuckDb(csv, config, "duck");
    expect(comparable(duck)).toEqual(comparable(js));
    expect(duck.boxes).toMatchObject({ file: "box-list.csv", total: 2, images: 1, unmatched: 3 });
    expect(duck.provenance.problems.map((p) => `line ${p.line}: ${p.message}`)).toEqual([
      'line 3: box-list.csv: box for image "zz", which is not in the labels file (not counted)',
      "line 4: box-list.csv: unreadable box size (not counted)",
      "line 5: box-list.csv: unreadable box size (not counted)",
    ]);
  }, 60_000);

  it("stacks inputs and joins files as the JS loader does: set columns, header aliases, last match wins, problems by file and line", async () => {
    const folder = mkdtempSync(path.join(dir, "inputs-"));
    writeFileSync(path.join(folder, "a.csv"), "id,label,Age,site\nx1,A,40,back\nx2,B,old,\n");
    writeFileSync(path.join(folder, "b.csv"), "id,label,age\nx3,A,50\nx4,,7\n");
    writeFileSync(path.join(folder, "meta.csv"), "image_id,lesion\nx1.jpg,L9\nx1.jpg,L1\nx3.png,L1\n");
    const config = ingestConfigSchema.parse({
      dataset: "t",
      inputs: [
        { file: "a.csv", set: { split: "train", site: "ignored: a.csv has the column" } },
        { file: "b.csv", set: { split: "test", site: "arm" } },
      ],
      columnAliases: { Age: "age" },
      join: [{ file: "meta.csv", on: "image_id", stripExtension: true, columns: [{ column: "lesion", as: "lesion" }] }],
      roles: { image: "id", age: "age", split: "split" },
      encoding: { kind: "single", column: "label" },
      attributes: [{ column: "site" }],
      groups: [{ column: "lesion", name: "lesions" }],
    });
    const first = path.join(folder, "a.csv");
    const js = await ingestMetadataFile(first, config, "js");
    const duck = await ingestWithDuckDb(first, config, "duck");
    expect(comparable(duck)).toEqual(comparable(js));
    expect(duck.attributes[0]!.values).toEqual(["arm", "back", "unknown"]);
    expect(duck.groups[0]).toMatchObject({ total: 1, imagesWithout: 2, splitCounts: [1, 1], inSeveralSplits: 1 });
    expect(duck.provenance.problems).toEqual([
      {
        file: "a.csv",
        line: 3,
        column: "age",
        message: 'unreadable age "old" (expected a number of years, or 058Y, 6M, 20D)',
      },
      { file: "b.csv", line: 1, message: "2 rows have no row in meta.csv: their joined columns count as unknown" },
    ]);
    expect(duck.provenance.files.map((f) => `${f.name} ${f.rows}`)).toEqual(["a.csv 2", "b.csv 2", "meta.csv 3"]);
  }, 60_000);

  it("reads a JSON input as the JS loader does (nested objects as parent.child columns)", async () => {
    const folder = mkdtempSync(path.join(dir, "json-"));
    const cases = [
      { case_id: "c1", label: "A", info: { size: 3.5, malignant: true } },
      { case_id: "c2", label: "B", info: { size: "x", malignant: false } },
      { case_id: "c3", label: "A", info: { size: null } },
    ];
    writeFileSync(path.join(folder, "cases.json"), JSON.stringify(cases));
    const config = ingestConfigSchema.parse({
      dataset: "t",
      format: "json",
      inputs: [{ file: "cases.json" }],
      roles: { image: "case_id" },
      encoding: { kind: "single", column: "label" },
      attributes: [
        { column: "info.size", bins: [0, 2, 4] },
        { column: "info.malignant", values: { true: "yes", false: "no" } },
      ],
    });
    const js = await ingestMetadataFile(path.join(folder, "cases.json"), config, "js");
    const duck = await ingestWithDuckDb(path.join(folder, "cases.json"), config, "duck");
    expect(comparable(duck)).toEqual(comparable(js));
    expect(duck.attributes.map((a) => a.values)).toEqual([
      ["2–<4", "unknown"],
      ["yes", "no", "unknown"],
    ]);
    expect(duck.provenance.problems.map((p) => `${p.file} ${p.line}: ${p.message}`)).toEqual([
      'cases.json 3: unreadable number "x" for info.size: counted as unknown',
    ]);
  }, 60_000);

  it("writes the result the warehouse path feeds back: summaryFromSqlResult on the printed query's rows", async () => {
    const config = loadIngestConfig("data", "rsna-pneumonia");
    await db.run(
      `create table source_rows as select patientId, Target, x, y, width, height from read_csv('${RSNA_CSV}', all_varchar = true, header = true)`,
    );
    await db.run("create view metadata_rows as select rowid + 1 as rn, * from source_rows");
    const core = summaryFromSqlResult(config, await runSummaryQuery(db, summarySql(config)), "x.csv");
    expect(core.images).toBe(26684);
    expect(core.labelImages).toEqual([6012, 20672]);
    expect(core.boxes?.total).toBe(9555);
  }, 60_000);

  it("refuses what it does not cover yet, a glob matching nothing, and a missing column, clearly", async () => {
    const twice = ingestConfigSchema.parse({
      dataset: "t",
      roles: {},
      encoding: {
        kind: "binary",
        columns: [
          { column: "A", label: "Same" },
          { column: "B", label: "Same" },
        ],
      },
    });
    await expect(ingestWithDuckDb(path.join(dir, "twice.csv"), twice, "x")).rejects.toThrow(
      "twice.csv: --engine duckdb does not cover binary columns that name the same label yet",
    );
    const config = loadIngestConfig("data", "rsna-pneumonia");
    await expect(ingestWithDuckDb(path.join(dir, "nothing-*.csv"), config, "x")).rejects.toThrow(
      `no file matches ${path.join(dir, "nothing-*.csv")}`,
    );
    const csv = path.join(dir, "other.csv");
    writeFileSync(csv, "image,label\na,1\n");
    await expect(ingestWithDuckDb(csv, config, "x")).rejects.toThrow(
      'other.csv: (patientId): no column "patientId" (the file has: image, label)',
    );
  }, 60_000);

  it("prints the query in three dialects, one common table expression per figure", () => {
    const config = loadIngestConfig("data", "nih-chestxray14");
    const duck = summarySql(config, { splitLists: true });
    expect(duck).toContain("from box_file_rows) b left join images i on i.image_id = b.image_id");
    expect(duck).toContain("cells as materialized (");
    expect(duck).toContain("unnest(string_split(");
    const bigquery = summarySql(config, { splitLists: true, dialect: "bigquery" });
    expect(bigquery).toContain("unnest(split(c.cell, '|')) as part with offset as pos");
    expect(bigquery).not.toContain("materialized");
    const spark = summarySql(config, { splitLists: true, dialect: "spark" });
    expect(spark).toContain("lateral view posexplode(split(c.cell, '\\\\|', -1))");
  });

  it("prints an attribute as its own common table expression: each distinct value read once, binned by the config's edges", () => {
    const config = loadIngestConfig("data", "pi-cai");
    const psa =
      "case when n >= 50 then 4 when n >= 20 then 3 when n >= 10 then 2 when n >= 4 then 1 when n >= 0 then 0 else 5 end";
    const duck = summarySql(config);
    expect(duck).toContain(
      `attr3 as (\n  select raw, cast(case when shown = '' or n is null then 5 else ${psa} end as varchar) as value`,
    );
    expect(duck).toContain("regexp_full_match(");
    expect(duck).toContain("from (select distinct a3 as raw from kept) x) y) z");
    const bigquery = summarySql(config, { dialect: "bigquery" });
    expect(bigquery).toContain(
      `attr3 as (\n  select raw, cast(case when shown = '' or n is null then 5 else ${psa} end as string) as value`,
    );
    expect(bigquery).toContain("safe_cast(regexp_replace(shown,");
    const spark = summarySql(config, { dialect: "spark" });
    expect(spark).toContain(`else ${psa} end as string) as value`);
    expect(spark).toContain("rlike '^(?:[+-]?([0-9]+(\\\\.[0-9]*)?|\\\\.[0-9]+)([eE][+-]?[0-9]+)?)$'");
    for (const query of [duck, bigquery, spark]) expect(query).toContain("join attr3 t3 on t3.raw = k.a3");
    expect(bigquery).toContain("safe_cast(null as float64) as area");
  });
});

/** Every dataset config in data/ingest. */
const CONFIGS = readdirSync(path.join("data", "ingest"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.replace(/\.json$/, ""))
  .sort();

/**
 * What the SQL does not cover yet, per config: the DuckDB engine must refuse exactly these (and
 * cover every other config), so that coverage cannot shrink, or grow, unnoticed.
 */
const REFUSED: Record<string, string[]> = {};

/** The file a dataset's committed summary was made from: its provenance names it first. */
function mainFileOf(id: string): string {
  const summary = JSON.parse(readFileSync(path.join("data", "summaries", `${id}.json`), "utf8")) as RowsSummary;
  return summary.provenance.files[0]!.name;
}

describe("every dataset config through both engines", () => {
  it("knows every config", () => {
    expect(CONFIGS).toHaveLength(11);
    for (const id of Object.keys(REFUSED)) expect(CONFIGS).toContain(id);
  });

  it.each(CONFIGS)(
    "%s: the DuckDB summary equals the JS loader's field by field, or the config is refused naming what the SQL lacks",
    async (id) => {
      const config = loadIngestConfig("data", id);
      const [file, others] = await Promise.all([
        resolveDataFile(`${id}/${mainFileOf(id)}`),
        resolveConfigFiles(config),
      ]);
      const refused = REFUSED[id] ?? [];
      expect(unsupportedBySql(config)).toEqual(refused);
      if (refused.length > 0) {
        await expect(ingestWithDuckDb(file, config, "duck")).rejects.toThrow(
          `--engine duckdb does not cover ${refused.join(", ")} yet`,
        );
        return;
      }
      const js = await ingestMetadataFile(file, config, "js", others);
      const duck = await ingestWithDuckDb(file, config, "duck");
      expect(comparable(duck)).toEqual(comparable(js));
    },
    120_000,
  );
});
