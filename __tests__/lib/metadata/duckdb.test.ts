/** @jest-environment node */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { DUCKDB_ENGINE, ingestWithDuckDb, runSummaryQuery } from "@/lib/metadata/duckdb";
import { ingestConfigSchema, ingestMetadataFile, loadIngestConfig, type IngestConfig } from "@/lib/metadata/ingest";
import { summaryFromSqlResult, summarySql } from "@/lib/metadata/sql";
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

/** The SQL does not count boxes yet: both engines are compared on the configs without them. */
function withoutBoxes(id: string): IngestConfig {
  const config = loadIngestConfig("data", id);
  return {
    ...config,
    boxFile: undefined,
    boxes: undefined,
    roles: { ...config.roles, width: undefined, height: undefined },
  };
}

/** Every field, apart from the engine's name and the generation date. */
function comparable({ provenance, ...rest }: RowsSummary) {
  const { engine, generated, ...kept } = provenance;
  void engine;
  void generated;
  return { ...rest, provenance: kept };
}

describe("the DuckDB engine", () => {
  it("gives NIH's summary field by field as the JS loader does", async () => {
    const config = withoutBoxes("nih-chestxray14");
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
  }, 120_000);

  it("gives RSNA's summary (binary labels, rows per image, an empty label) as the JS loader does", async () => {
    const config = withoutBoxes("rsna-pneumonia");
    const js = await ingestMetadataFile(RSNA_CSV, config, "js");
    const duck = await ingestWithDuckDb(RSNA_CSV, config, "duck");
    expect(comparable(duck)).toEqual(comparable(js));
    expect(duck.images).toBe(26684);
    expect(duck.labels).toEqual(["Pneumonia", "No pneumonia"]);
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
    const csv = path.join(dir, "binary.csv");
    writeFileSync(csv, ["id,A,B", ...rows.map((r) => r.join(","))].join("\n") + "\n");
    const parquet = path.join(dir, "binary.parquet");
    await db.run(`copy (select * from read_csv('${csv}', all_varchar = true)) to '${parquet}' (format parquet)`);
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

  it("writes the result the warehouse path feeds back: summaryFromSqlResult on the printed query's rows", async () => {
    const config = withoutBoxes("rsna-pneumonia");
    await db.run(
      `create table source_rows as select patientId, Target from read_csv('${RSNA_CSV}', all_varchar = true, header = true)`,
    );
    await db.run("create view metadata_rows as select rowid + 1 as rn, * from source_rows");
    const core = summaryFromSqlResult(config, await runSummaryQuery(db, summarySql(config)), "x.csv");
    expect(core.images).toBe(26684);
    expect(core.labelImages).toEqual([6012, 20672]);
  }, 60_000);

  it("refuses what it does not cover yet, a glob matching nothing, and a missing column, clearly", async () => {
    await expect(ingestWithDuckDb(NIH_CSV, loadIngestConfig("data", "nih-chestxray14"), "x")).rejects.toThrow(
      'Data_Entry_2017_v2020.csv: --engine duckdb does not cover "boxFile" (a separate box file) yet',
    );
    const config = withoutBoxes("rsna-pneumonia");
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
    const config = withoutBoxes("nih-chestxray14");
    const duck = summarySql(config, { splitLists: true });
    expect(duck).toContain("cells as materialized (");
    expect(duck).toContain("unnest(string_split(");
    const bigquery = summarySql(config, { splitLists: true, dialect: "bigquery" });
    expect(bigquery).toContain("unnest(split(c.cell, '|')) as part with offset as pos");
    expect(bigquery).not.toContain("materialized");
    const spark = summarySql(config, { splitLists: true, dialect: "spark" });
    expect(spark).toContain("lateral view posexplode(split(c.cell, '\\\\|', -1))");
  });
});
