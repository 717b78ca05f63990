import { createHash } from "node:crypto";
import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createGunzip } from "node:zlib";
import { DuckDBInstance, version, type DuckDBConnection } from "@duckdb/node-api";
import { DataFileError } from "@/lib/csv/parse";
import { metadataFileName, readSplitLists, readTable, type IngestConfig, type Table } from "@/lib/metadata/ingest";
import { specColumns } from "@/lib/metadata/summarize";
import { RESULT_COLUMNS, summaryFromSqlResult, summarySql, unsupportedBySql, type ResultRow } from "@/lib/metadata/sql";
import type { RowsSummary } from "@/lib/summary/model";

/** The DuckDB engine's name and version, as written in a summary's provenance. */
export const DUCKDB_ENGINE = `duckdb ${version()}`;

export interface DuckDbOptions {
  /** DuckDB's memory limit: beyond it, it spills to a temporary folder instead of growing. */
  memoryLimit?: string;
  threads?: number;
  /** Where the other files the config names are (split lists, a box file), keyed as it names them; else beside the input. */
  filePaths?: Record<string, string>;
}

const isRemote = (input: string) => /^(s3|gcs|gs|az|https?):\/\//i.test(input);
const isGlob = (input: string) => /[*?[]/.test(input);
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

function refuse(file: string, message: string): never {
  throw new DataFileError([{ file, line: 0, message }]);
}

/**
 * The summary computed by DuckDB, out of core: a CSV (.csv.gz too) or Parquet file, a glob of
 * them, or an s3/http(s) address. Only the mapped columns are copied, in file order, into a
 * temporary on-disk database; then one query (lib/metadata/sql.ts) computes every figure.
 */
export async function ingestWithDuckDb(
  input: string,
  config: IngestConfig,
  generated: string,
  options: DuckDbOptions = {},
): Promise<RowsSummary> {
  const name = isGlob(input) || isRemote(input) ? input : metadataFileName(input);
  const unsupported = unsupportedBySql(config);
  if (unsupported.length > 0)
    refuse(
      name,
      `--engine duckdb does not cover ${unsupported.join(", ")} yet: run npm run ingest without --engine duckdb for this dataset`,
    );
  const local = !isGlob(input) && !isRemote(input);
  const paths = options.filePaths ?? {};
  const { lists, files: listFiles } = local ? readSplitLists(input, config, paths) : { lists: [], files: [] };
  if (!local && config.splitLists.some((l) => !paths[l.file]))
    refuse(name, "split lists are read next to a single local file: give the file's path, not a glob or an address");
  const boxFile = config.boxFile;
  if (boxFile && !local && !paths[boxFile.file])
    refuse(name, "a box file is read next to a single local file: give the file's path, not a glob or an address");
  const boxTable = boxFile ? readTable(paths[boxFile.file] ?? path.join(path.dirname(input), boxFile.file)) : null;

  const dir = mkdtempSync(path.join(tmpdir(), "label-atlas-duckdb-"));
  const instance = await DuckDBInstance.create(path.join(dir, "ingest.duckdb"), {
    // DuckDB's limit covers its buffers, not all of the process: 512 MB keeps the whole under 1 GB.
    memory_limit: options.memoryLimit ?? "512MB",
    temp_directory: path.join(dir, "spill"),
    preserve_insertion_order: "true",
    ...(options.threads ? { threads: String(options.threads) } : {}),
  });
  const db = await instance.connect();
  try {
    await loadRows(db, input, name, specColumns(config));
    if (lists.length > 0) {
      await db.run("create table split_list_ids (list_no integer, split varchar, id varchar)");
      const appender = await db.createAppender("split_list_ids");
      lists.forEach((list, i) => {
        for (const id of list.ids) {
          appender.appendInteger(i);
          appender.appendVarchar(list.split);
          appender.appendVarchar(id);
          appender.endRow();
        }
      });
      appender.closeSync();
    }
    if (boxFile && boxTable) await loadBoxFile(db, boxTable, boxFile);
    const rows = await runSummaryQuery(db, summarySql(config, { splitLists: lists.length > 0 }));
    const { rowsRead, rowsSkipped, rowsFlagged, problems, ...summary } = summaryFromSqlResult(config, rows, name);
    const sha256 = isGlob(input) || isRemote(input) ? null : await fileSha256(input);
    return {
      ...summary,
      provenance: {
        source: "rows",
        sourceUrl: config.sourceUrl,
        files: [
          { name, sha256, rows: rowsRead },
          ...listFiles,
          ...(boxTable ? [{ name: boxTable.file, sha256: boxTable.sha256, rows: boxTable.rows.length }] : []),
        ],
        labelFileVersion: config.labelFileVersion,
        rowsRead,
        rowsSkipped,
        rowsFlagged,
        problems,
        notes: config.notes,
        engine: DUCKDB_ENGINE,
        generated,
      },
    };
  } finally {
    db.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The box file, read as the JS loader reads it (a small file), into box_file_rows with each row's line. */
async function loadBoxFile(
  db: DuckDBConnection,
  table: Table,
  spec: NonNullable<IngestConfig["boxFile"]>,
): Promise<void> {
  const columns = [spec.image, spec.label, spec.x, spec.y, spec.width, spec.height];
  const at = columns.map((c) => table.header.indexOf(c));
  const missing = columns.filter((_, i) => at[i] === -1);
  if (missing.length > 0)
    refuse(
      table.file,
      `no column ${missing.map((c) => `"${c}"`).join(", ")} (the header has: ${table.header.join(", ")})`,
    );
  await db.run(
    "create table box_file_rows (line integer, image varchar, label varchar, x varchar, y varchar, width varchar, height varchar)",
  );
  const appender = await db.createAppender("box_file_rows");
  table.rows.forEach((row, r) => {
    appender.appendInteger(table.lines[r]!);
    for (const i of at) appender.appendVarchar(row[i] ?? "");
    appender.endRow();
  });
  appender.closeSync();
}

/** Runs the summary query and returns its rows with numbers as numbers. */
export async function runSummaryQuery(db: DuckDBConnection, sql: string): Promise<ResultRow[]> {
  const result = await db.runAndReadAll(sql);
  return result.getRowObjectsJS().map((r) => {
    const out: Record<string, unknown> = {};
    for (const c of RESULT_COLUMNS) {
      const v = r[c];
      out[c] = typeof v === "bigint" ? Number(v) : (v ?? null);
    }
    return out as ResultRow;
  });
}

/** The file's sha256, of the decompressed bytes for .gz as the JS loader computes it. */
async function fileSha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  const raw = createReadStream(file);
  const source: AsyncIterable<Buffer> = file.endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
  for await (const chunk of source) hash.update(chunk);
  return hash.digest("hex");
}

/**
 * Copies the mapped columns, as text, into table metadata_rows with each row's position in the
 * file (insertion order is kept), after checking that every column exists and holds plain values.
 */
async function loadRows(db: DuckDBConnection, input: string, name: string, columns: string[]): Promise<void> {
  if (isRemote(input)) await db.run("install httpfs; load httpfs;");
  else if (isGlob(input)) {
    const matched = await db.runAndReadAll(`select count(*) as n from glob(${quote(input)})`);
    if (Number(matched.getRowObjectsJS()[0]!.n) === 0) refuse(name, `no file matches ${input}`);
  } else if (!statSync(input, { throwIfNoEntry: false })) refuse(name, `no such file: ${input}`);
  const parquet = /\.parq(uet)?$/i.test(input.replace(/\*+$/, ""));
  const reader = parquet
    ? `read_parquet(${quote(input)})`
    : `read_csv(${quote(input)}, all_varchar = true, header = true)`;
  let described: Record<string, unknown>[];
  try {
    described = (await db.runAndReadAll(`describe select * from ${reader}`)).getRowObjectsJS();
  } catch (error) {
    refuse(name, `DuckDB cannot read this file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const types = new Map(described.map((c) => [String(c.column_name), String(c.column_type)]));
  const header = [...types.keys()];
  const problems = columns.flatMap((column) => {
    const type = types.get(column);
    if (type === undefined)
      return [
        {
          file: name,
          line: 0,
          columnName: column,
          message: `no column "${column}" (the file has: ${header.join(", ")})`,
        },
      ];
    if (/STRUCT|MAP|\[\]|LIST|UNION/.test(type))
      return [
        {
          file: name,
          line: 0,
          columnName: column,
          message: `column "${column}" holds lists or structs (${type}), not one value per row: flatten it first (e.g. with unnest()) or map another column`,
        },
      ];
    return [];
  });
  if (problems.length > 0) throw new DataFileError(problems);
  // Text as the JS loader reads it: booleans as 1/0 (a CSV's label columns), everything else as DuckDB writes it.
  const select = columns
    .map((c) =>
      types.get(c) === "BOOLEAN"
        ? `case when ${ident(c)} then '1' when not ${ident(c)} then '0' end as ${ident(c)}`
        : `cast(${ident(c)} as varchar) as ${ident(c)}`,
    )
    .join(", ");
  try {
    await db.run(`create table source_rows as select ${select} from ${reader}`);
  } catch (error) {
    refuse(name, `DuckDB stopped reading the file: ${error instanceof Error ? error.message : String(error)}`);
  }
  await db.run("create view metadata_rows as select rowid + 1 as rn, * from source_rows");
}
