/** @jest-environment node */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { parquetReadObjects } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { DataFileError } from "@/lib/csv/parse";
import { ingestMetadataFile, loadIngestConfig } from "@/lib/metadata/ingest";
import { blobBuffer, cellText, openParquet, readParquetRows } from "@/lib/metadata/parquet";
import type { RowsSummary } from "@/lib/summary/model";

const SHARED = path.join(process.cwd(), "..", "shared", "data");
const NIH = path.join(SHARED, "nih-chestxray14");
const RSNA_CSV = path.join(SHARED, "rsna-pneumonia", "stage_2_train_labels.csv");

let dir: string;
let db: DuckDBConnection;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "parquet-test-"));
  db = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => {
  db.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a query's result as a Parquet file in the temp folder (no binary is committed). */
async function parquetOf(name: string, query: string): Promise<string> {
  const file = path.join(dir, name);
  await db.run(`copy (${query}) to '${file}' (format parquet, row_group_size 2048)`);
  return file;
}

/** Everything but the metadata file's own name and checksum. */
const withoutProvenance = ({ provenance, boxes, ...rest }: RowsSummary) => ({
  rest,
  boxes: boxes && { ...boxes, file: boxes.file.replace(/\.(csv|parquet)$/, "") },
  provenance: { ...provenance, files: provenance.files.slice(1) },
});

describe("Parquet metadata files", () => {
  it("summarises NIH from Parquet exactly as from its CSV, across many row groups", async () => {
    const csv = path.join(NIH, "Data_Entry_2017_v2020.csv");
    const file = await parquetOf("Data_Entry_2017_v2020.parquet", `select * from read_csv('${csv}', all_varchar=true)`);
    for (const list of ["train_val_list.txt", "test_list.txt", "BBox_List_2017.csv"])
      copyFileSync(path.join(NIH, list), path.join(dir, list));
    const config = loadIngestConfig("data", "nih-chestxray14");
    const fromCsv = await ingestMetadataFile(csv, config, "test");
    const fromParquet = await ingestMetadataFile(file, config, "test");
    expect(withoutProvenance(fromParquet)).toEqual(withoutProvenance(fromCsv));
    expect(fromParquet.images).toBe(112120);
    expect(fromParquet.patients).toBe(30805);
    expect(fromParquet.provenance.files[0]).toMatchObject({ name: "Data_Entry_2017_v2020.parquet", rows: 112120 });
    expect(fromParquet.provenance.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  }, 60_000);

  it("reads RSNA's typed columns (an integer target, rows per image) as the CSV text would be", async () => {
    const file = await parquetOf(
      "stage_2_train_labels.parquet",
      `select patientId, x, y, width, height, Target::integer as Target from read_csv('${RSNA_CSV}')`,
    );
    const config = loadIngestConfig("data", "rsna-pneumonia");
    const fromCsv = await ingestMetadataFile(RSNA_CSV, config, "test");
    const fromParquet = await ingestMetadataFile(file, config, "test");
    expect(withoutProvenance(fromParquet)).toEqual(withoutProvenance(fromCsv));
    expect(fromParquet.images).toBe(26684);
  }, 30_000);

  it("says which row a problem is on, counting data rows from 1", async () => {
    const file = await parquetOf(
      "problems.parquet",
      `select * from (values ('a.png', 'Mass', 'M', 40), ('', 'Mass', 'F', 50), ('c.png', 'No Finding', 'F', 414))
       t("Image Index", "Finding Labels", "Patient Gender", "Patient Age")`,
    );
    const config = {
      ...loadIngestConfig("data", "nih-chestxray14"),
      splitLists: [],
      boxFile: undefined,
      roles: { image: "Image Index", sex: "Patient Gender", age: "Patient Age" },
    };
    const summary = await ingestMetadataFile(file, config, "test");
    expect(summary.images).toBe(2);
    expect(summary.provenance.problems).toEqual([
      { line: 2, locator: "row", column: "Image Index", message: "blank image id (skipped)" },
      {
        line: 3,
        locator: "row",
        column: "Patient Age",
        message: 'impossible age "414" (over 120 years): counted as unknown',
      },
    ]);
  });

  it("turns values into the text a CSV would hold", () => {
    expect([null, undefined, 58, 1.5, BigInt(7), true, false, "x"].map(cellText)).toEqual([
      "",
      "",
      "58",
      "1.5",
      "7",
      "1",
      "0",
      "x",
    ]);
  });

  it("lists plain columns, reads only the ones asked for, and works from a Blob as in the browser", async () => {
    const file = await parquetOf(
      "mixed.parquet",
      `select 'img' || i as id, [1, 2] as boxes, {'x': 1} as point, 'Mass' as label from range(5000) r(i)`,
    );
    const table = await openParquet(blobBuffer(new Blob([readFileSync(file)])), "mixed.parquet");
    expect(table).toMatchObject({ header: ["id", "label"], nested: ["boxes", "point"], rows: 5000, rowGroups: 3 });
    const rows: string[][] = [];
    const numbers: number[] = [];
    await readParquetRows(table, ["label", "id"], (chunk, rowNumbers) => {
      rows.push(...chunk);
      numbers.push(...rowNumbers);
    });
    expect(rows).toHaveLength(5000);
    expect(rows[4999]).toEqual(["Mass", "img4999"]);
    expect(numbers.slice(2047, 2049)).toEqual([2048, 2049]);
  });

  // The rows are read page by page by lib/metadata/parquet-flat (offsets for text, indices for
  // dictionaries); hyparquet's own row reader is the reference they must equal, cell for cell.
  it.each([
    ["V1 pages, snappy", "compression 'snappy'"],
    ["DuckDB's V2 encodings, zstd", "compression 'zstd', parquet_version 'V2'"],
    ["V1 pages, uncompressed", "compression 'uncompressed'"],
  ])("reads every kind of plain column as hyparquet does (%s)", async (name, options) => {
    const file = path.join(dir, `kinds-${name.replace(/\W+/g, "-")}.parquet`);
    await db.run(
      `copy (select
         'img' || i as id,
         case when i % 7 = 0 then null else ['Mass', 'Nodule', 'Épanchement', '肺結節', ''][i % 5 + 1] end as label,
         case when i % 11 = 0 then null else 'a long note, longer than thirty-two bytes, number ' || i end as note,
         case when i % 13 = 0 then null else 'ü' || i end as accented,
         case when i % 3 = 0 then null else i % 90 end as age,
         (i % 4) / 8.0 as ratio,
         i % 2 = 0 as flag,
         date '2020-01-01' + (i % 30)::integer as day
       from range(5000) r(i)) to '${file}' (format parquet, row_group_size 2048, ${options})`,
    );
    const bytes = readFileSync(file);
    const table = await openParquet(blobBuffer(new Blob([bytes])), file);
    const columns = table.header;
    expect(columns).toEqual(["id", "label", "note", "accented", "age", "ratio", "flag", "day"]);
    const rows: string[][] = [];
    await readParquetRows(table, columns, (chunk) => rows.push(...chunk));
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const reference = (await parquetReadObjects({ file: buffer, compressors })).map((row) =>
      columns.map((column) => cellText(row[column])),
    );
    expect(rows).toHaveLength(5000);
    expect(rows).toEqual(reference);
    // Spot checks a reader would see in a CSV of the same table.
    expect(rows[0]).toEqual(["img0", "", "", "", "", "0", "1", "2020-01-01"]);
    expect(rows[2]).toEqual(["img2", "Épanchement", "a long note, longer than thirty-two bytes, number 2", "ü2", "2", "0.25", "1", "2020-01-03"]);
    expect(rows[2053]![1]).toBe("肺結節");
    expect(rows[2051]![1]).toBe("");
  });

  it("stops at a row limit inside a row group, with the rows numbered from the file's start", async () => {
    const file = await parquetOf("limit.parquet", `select 'img' || i as id from range(5000) r(i)`);
    const table = await openParquet(blobBuffer(new Blob([readFileSync(file)])), "limit.parquet");
    const rows: string[][] = [];
    const numbers: number[] = [];
    await readParquetRows(
      table,
      ["id"],
      (chunk, rowNumbers) => {
        rows.push(...chunk);
        numbers.push(...rowNumbers);
      },
      { limit: 2100 },
    );
    expect(rows).toHaveLength(2100);
    expect(rows.at(-1)).toEqual(["img2099"]);
    expect(numbers.at(-1)).toBe(2100);
  });

  it("names the rows it cannot read when a data page is corrupt", async () => {
    const file = await parquetOf("bad-page.parquet", `select 'img' || i as id from range(5000) r(i)`);
    const bytes = readFileSync(file);
    const table = await openParquet(blobBuffer(new Blob([bytes])), "bad-page.parquet");
    // Garble the second row group's column chunk (page header and data), keeping the footer.
    const meta = table.metadata.row_groups[1]!.columns[0]!.meta_data!;
    const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
    bytes.fill(0xff, start, start + Number(meta.total_compressed_size));
    const broken = await openParquet(blobBuffer(new Blob([bytes])), "bad-page.parquet");
    await expect(readParquetRows(broken, ["id"], () => undefined)).rejects.toThrow(
      /^1 problem in data:\nbad-page\.parquet: rows 2,049–4,096 cannot be read \(.+\): the file is corrupt$/,
    );
  });

  it("refuses a nested column mapped to a role, naming it", async () => {
    const file = await parquetOf("nested.parquet", `select 'a' as id, ['Mass', 'Nodule'] as labels`);
    const config = {
      ...loadIngestConfig("data", "nih-chestxray14"),
      splitLists: [],
      roles: { image: "id" },
      encoding: { kind: "delimited" as const, column: "labels", separator: "|" },
    };
    await expect(ingestMetadataFile(file, config, "test")).rejects.toThrow(
      'nested.parquet: (labels): column "labels" holds lists or structs, not one value per row',
    );
  });

  it("refuses a file with no plain column", async () => {
    const file = await parquetOf("all-nested.parquet", `select [1] as a, {'x': 1} as b`);
    const table = openParquet(blobBuffer(new Blob([readFileSync(file)])), "all-nested.parquet");
    await expect(table).rejects.toThrow(
      "all-nested.parquet: no usable columns: every column holds lists or structs (a, b)",
    );
  });

  it("refuses a file whose footer was cut off, or that is not Parquet", async () => {
    const file = await parquetOf("cut.parquet", `select 'a' as id, 'Mass' as label from range(1000)`);
    truncateSync(file, statSync(file).size - 10);
    const config = loadIngestConfig("data", "nih-chestxray14");
    await expect(ingestMetadataFile(file, { ...config, splitLists: [] }, "test")).rejects.toThrow(
      'cut.parquet: the Parquet footer is missing or corrupt (the file does not end with "PAR1")',
    );
    const fake = path.join(dir, "fake.parquet");
    writeFileSync(fake, "Image Index,Finding Labels\na.png,Mass\n");
    await expect(ingestMetadataFile(fake, { ...config, splitLists: [] }, "test")).rejects.toThrow(DataFileError);
    await expect(ingestMetadataFile(fake, { ...config, splitLists: [] }, "test")).rejects.toThrow(
      'fake.parquet: this is not a Parquet file (it does not start with "PAR1")',
    );
  });

  it("refuses a corrupt footer that still ends with the magic bytes", async () => {
    const file = await parquetOf("corrupt.parquet", `select 'a' as id, 'Mass' as label from range(1000)`);
    const bytes = readFileSync(file);
    // Overwrite the footer's thrift bytes (just before its 4-byte length and the magic).
    bytes.fill(0xff, bytes.length - 60, bytes.length - 8);
    writeFileSync(file, bytes);
    await expect(openParquet(blobBuffer(new Blob([bytes])), "corrupt.parquet")).rejects.toThrow(
      /^1 problem in data:\ncorrupt\.parquet: the Parquet footer cannot be read \(.+\): the file is corrupt or cut short$/,
    );
  });
});
