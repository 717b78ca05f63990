import { createHash } from "node:crypto";
import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createGunzip } from "node:zlib";
import { DuckDBInstance, version, type DuckDBAppender, type DuckDBConnection } from "@duckdb/node-api";
import { DataFileError } from "@/lib/csv/parse";
import { metadataFileName, readSplitLists, readTable, type IngestConfig, type Table } from "@/lib/metadata/ingest";
import { specColumns } from "@/lib/metadata/summarize";
import {
  inputColumns,
  RESULT_COLUMNS,
  summaryFromSqlResult,
  summarySql,
  unsupportedBySql,
  type ProblemPlaces,
  type ResultRow,
} from "@/lib/metadata/sql";
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

type ProvenanceFile = RowsSummary["provenance"]["files"][number];

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
  if (config.inputs && !local)
    refuse(
      name,
      "the inputs a config names are read from a local folder: give one of them, or the folder, not a glob or an address",
    );
  const folder = local && statSync(input, { throwIfNoEntry: false })?.isDirectory() ? input : path.dirname(input);
  const locate = (file: string) => paths[file] ?? path.join(folder, file);
  // As in the JS loader, a config with inputs has no split lists read.
  const { lists, files: listFiles } =
    local && !config.inputs ? readSplitLists(input, config, paths) : { lists: [], files: [] };
  if (!local && config.splitLists.some((l) => !paths[l.file]))
    refuse(name, "split lists are read next to a single local file: give the file's path, not a glob or an address");
  const boxFile = config.boxFile;
  if (boxFile && !local && !paths[boxFile.file])
    refuse(name, "a box file is read next to a single local file: give the file's path, not a glob or an address");
  const boxTable = boxFile ? readTable(locate(boxFile.file)) : null;

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
    const stacked = config.inputs ? await loadInputs(db, config, locate) : null;
    if (!stacked) await loadRows(db, input, name, specColumns(config));
    if (lists.length > 0)
      await appendTable(db, "split_list_ids", ["list_no integer", "split varchar", "id varchar"], (appender) =>
        lists.forEach((list, i) => {
          for (const id of list.ids) {
            appender.appendInteger(i);
            appender.appendVarchar(list.split);
            appender.appendVarchar(id);
            appender.endRow();
          }
        }),
      );
    if (boxFile && boxTable) await loadBoxFile(db, boxTable, boxFile);
    const rows = await runSummaryQuery(db, summarySql(config, { splitLists: lists.length > 0 }));
    const { rowsRead, rowsSkipped, rowsFlagged, problems, ...summary } = summaryFromSqlResult(
      config,
      rows,
      stacked?.name ?? name,
      { places: stacked?.places },
    );
    const files = stacked
      ? stacked.files
      : [{ name, sha256: local ? await fileSha256(input) : null, rows: rowsRead }, ...listFiles];
    return {
      ...summary,
      provenance: {
        source: "rows",
        sourceUrl: config.sourceUrl,
        files: [
          ...files,
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

/**
 * A config's inputs and joined files, read whole as the JS loader reads them (they are a few MB; JSON
 * is flattened the same way), into input_rows and join_rows_<j>: the SQL stacks and joins them.
 */
async function loadInputs(
  db: DuckDBConnection,
  config: IngestConfig,
  locate: (file: string) => string,
): Promise<{ name: string; files: ProvenanceFile[]; places: ProblemPlaces }> {
  const rename = (h: string) => config.columnAliases[h.trim()] ?? h.trim();
  const tables = (config.inputs ?? []).map((input) => readTable(locate(input.file), config.format));
  const joined = config.join.map((join) => readTable(locate(join.file)));
  const header = new Set([
    ...tables.flatMap((t) => t.header.map(rename)),
    ...(config.inputs ?? []).flatMap((input) => Object.keys(input.set)),
    ...config.join.flatMap((j) => j.columns.map((c) => c.as)),
  ]);
  const missing = specColumns(config).filter((c) => !header.has(c));
  if (missing.length > 0)
    refuse(
      tables[0]!.file,
      `no column ${missing.map((c) => `"${c}"`).join(", ")} (the header has: ${[...header].join(", ")})`,
    );

  const columns = inputColumns(config);
  const spans: { table: Table; first: number }[] = [];
  await appendTable(
    db,
    "input_rows",
    ["rn bigint", "input_no integer", "line integer", ...columns.map((c) => `${ident(c)} varchar`)],
    (appender) => {
      let rn = 0;
      tables.forEach((table, n) => {
        spans.push({ table, first: rn + 1 });
        const names = table.header.map(rename);
        const at = columns.map((c) => names.indexOf(c));
        table.rows.forEach((row, r) => {
          appender.appendBigInt(BigInt(++rn));
          appender.appendInteger(n);
          appender.appendInteger(table.lines[r]!);
          for (const i of at)
            if (i === -1) appender.appendNull();
            else appender.appendVarchar(row[i] ?? "");
          appender.endRow();
        });
      });
    },
  );
  for (const [j, join] of config.join.entries()) {
    const table = joined[j]!;
    const names = table.header.map(rename);
    const picked = [...new Set([join.on, ...join.columns.map((c) => c.column)])];
    const absent = picked.filter((c) => !names.includes(c));
    if (absent.length > 0)
      refuse(
        table.file,
        `no column ${absent.map((c) => `"${c}"`).join(", ")} to join (the header has: ${names.join(", ")})`,
      );
    const at = picked.map((c) => names.indexOf(c));
    await appendTable(db, `join_rows_${j}`, ["line integer", ...picked.map((c) => `${ident(c)} varchar`)], (appender) =>
      table.rows.forEach((row, r) => {
        appender.appendInteger(table.lines[r]!);
        for (const i of at) appender.appendVarchar(row[i] ?? "");
        appender.endRow();
      }),
    );
  }
  const fileOf = (t: Table) => ({ name: t.file, sha256: t.sha256, rows: t.rows.length });
  const last = tables[tables.length - 1]!;
  return {
    name: tables[0]!.file,
    files: [...tables.map(fileOf), ...joined.map(fileOf)],
    places: {
      row: (rn) => {
        const span = spans.findLast((s) => s.first <= rn) ?? spans[0]!;
        return { file: span.table.file, line: span.table.lines[rn - span.first]! };
      },
      late: { file: last.file },
    },
  };
}

async function appendTable(
  db: DuckDBConnection,
  table: string,
  columns: string[],
  fill: (appender: DuckDBAppender) => void,
): Promise<void> {
  await db.run(`create table ${table} (${columns.join(", ")})`);
  const appender = await db.createAppender(table);
  fill(appender);
  appender.closeSync();
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
  const names = ["image", "label", "x", "y", "width", "height"].map((c) => `${c} varchar`);
  await appendTable(db, "box_file_rows", ["line integer", ...names], (appender) =>
    table.rows.forEach((row, r) => {
      appender.appendInteger(table.lines[r]!);
      for (const i of at) appender.appendVarchar(row[i] ?? "");
      appender.endRow();
    }),
  );
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
