import { z } from "zod";
import { DataFileError } from "@/lib/csv/parse";
import { AGE_BUCKETS, UNKNOWN, type RowsSummary, type SummaryProblem } from "@/lib/summary/model";
import { BOX_PIXEL_EDGES, BOX_RELATIVE_EDGES, toSummaryBoxes } from "@/lib/metadata/boxes";
import {
  attributeBinNames,
  keptBins,
  specColumns,
  toSummaryAttribute,
  toSummaryGroup,
  type metadataSpecSchema,
  type SummaryCore,
} from "@/lib/metadata/summarize";

/**
 * The summary written as one SQL query, so that it can run where the metadata lives (DuckDB here,
 * a warehouse elsewhere) and return kilobytes. Each figure of the summary is one common table
 * expression built from the spec; the query's result is a long table of (field, k1…k6, n1…n3) rows
 * that summaryFromSqlResult turns into the same summary the JS loader writes.
 *
 * The query reads a relation `metadata_rows` (rn: the row's 1-based position in the file, then the
 * mapped columns as text) and, when the dataset has official split lists, `split_list_ids`
 * (list_no, split, id), and with a box file `box_file_rows` (line, image, label, x, y, width,
 * height: the box file's columns as text, line its row's line in that file). A config with inputs
 * reads, instead of metadata_rows, `input_rows` (rn, input_no, line, inputColumns(spec): null where
 * the input has no such column) and one `join_rows_<j>` (line, its `on` and picked columns) per
 * joined file, and stacks and joins them here as the JS loader does. What is order-dependent in the
 * JS loader (label and label-set numbering, ties between equally frequent values) follows rn.
 */

/**
 * The spec, and what an ingest config adds: a box file (relation box_file_rows), and several files
 * read as one table with columns joined from others (relations input_rows and join_rows_<j>).
 */
type Spec = z.output<typeof metadataSpecSchema> & {
  boxFile?: { file: string };
  inputs?: { file: string; set: Record<string, string> }[];
  join?: {
    file: string;
    on: string;
    key?: string;
    stripExtension: boolean;
    columns: { column: string; as: string }[];
  }[];
};

export type SqlDialect = "duckdb" | "bigquery" | "spark";
export const SQL_DIALECTS: readonly SqlDialect[] = ["duckdb", "bigquery", "spark"];

/** The result's columns, in order. */
export const RESULT_COLUMNS = ["field", "k1", "k2", "k3", "k4", "k5", "k6", "n1", "n2", "n3"] as const;
export type ResultRow = {
  field: string;
  k1: string | null;
  k2: string | null;
  k3: string | null;
  k4: string | null;
  k5: string | null;
  k6: string | null;
  n1: number | null;
  n2: number | null;
  n3: number | null;
};

/** What String.prototype.trim removes (whitespace and line terminators, Unicode's included), for RE2 and Java. */
const TRIM_CLASS = "[\\t\\n\\x{0b}\\f\\r\\p{Zs}\\x{2028}\\x{2029}\\x{feff}]";
/** Separates the labels of a label-set key (a character no label text holds). */
const KEY_SEP = 31;
const PROBLEMS_PER_KIND = 20;

interface Dialect {
  ident(name: string): string;
  text: string;
  chr(code: number): string;
  /** x without the leading and trailing characters of a regular-expression class. */
  trim(x: string, charClass: string): string;
  /** Rows (cell, pos, part) from splitting `cell` of relation `rel` on a literal separator. */
  explode(rel: string, cell: string, separator: string): string;
  regexpMatches(x: string, pattern: string): string;
  regexpGroup(x: string, pattern: string, group: number): string;
  /** The values of x (already distinct), sorted, joined by sep: a set's key. */
  setAgg(x: string, sep: string): string;
  /** The non-null expressions joined by sep. */
  joinNonNull(xs: string[], sep: string): string;
  /** A number, or null when the text is not one. */
  toDouble(x: string): string;
}

const lit = (s: string, dialect: SqlDialect) =>
  dialect === "duckdb" ? `'${s.replace(/'/g, "''")}'` : `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

function dialectOf(name: SqlDialect): Dialect {
  const str = (s: string) => lit(s, name);
  if (name === "duckdb")
    return {
      ident: (n) => `"${n.replace(/"/g, '""')}"`,
      text: "varchar",
      chr: (c) => `chr(${c})`,
      // Most values start and end with a printable ASCII character: they skip the regular expression.
      trim: (x, cls) =>
        `case when ord(left(${x}, 1)) between 33 and 126 and ord(right(${x}, 1)) between 33 and 126 then ${x} else regexp_replace(${x}, ${str(`^${cls}+|${cls}+$`)}, '', 'g') end`,
      explode: (rel, cell, sep) =>
        `select c.${cell} as cell, u.pos as pos, u.part as part from ${rel} c, unnest(string_split(c.${cell}, ${str(sep)})) with ordinality as u(part, pos)`,
      regexpMatches: (x, p) => `regexp_full_match(${x}, ${str(p)})`,
      regexpGroup: (x, p, g) => `regexp_extract(${x}, ${str(p)}, ${g})`,
      setAgg: (x, sep) => `string_agg(${x}, ${sep} order by ${x})`,
      joinNonNull: (xs, sep) => `concat_ws(${sep}, ${xs.join(", ")})`,
      toDouble: (x) => `try_cast(${x} as double)`,
    };
  if (name === "bigquery")
    return {
      ident: (n) => `\`${n.replace(/`/g, "\\`")}\``,
      text: "string",
      chr: (c) => `code_points_to_string([${c}])`,
      trim: (x, cls) => `regexp_replace(${x}, ${str(`^${cls}+|${cls}+$`)}, '')`,
      explode: (rel, cell, sep) =>
        `select c.${cell} as cell, pos + 1 as pos, part from ${rel} c, unnest(split(c.${cell}, ${str(sep)})) as part with offset as pos`,
      regexpMatches: (x, p) => `regexp_contains(${x}, ${str(`^(?:${p})$`)})`,
      // BigQuery returns the pattern's only group: one pattern per group.
      regexpGroup: (x, p, g) => `regexp_extract(${x}, ${str(onlyGroup(p, g))})`,
      setAgg: (x, sep) => `string_agg(${x}, ${sep} order by ${x})`,
      joinNonNull: (xs, sep) => `array_to_string([${xs.join(", ")}], ${sep})`,
      toDouble: (x) => `safe_cast(${x} as float64)`,
    };
  return {
    ident: (n) => `\`${n.replace(/`/g, "``")}\``,
    text: "string",
    chr: (c) => `char(${c})`,
    trim: (x, cls) => `regexp_replace(${x}, ${str(`^${cls}+|${cls}+$`)}, '')`,
    explode: (rel, cell, sep) =>
      `select c.${cell} as cell, u.pos + 1 as pos, u.part as part from ${rel} c lateral view posexplode(split(c.${cell}, ${str(regexQuote(sep))}, -1)) u as pos, part`,
    regexpMatches: (x, p) => `(${x} rlike ${str(`^(?:${p})$`)})`,
    regexpGroup: (x, p, g) => `regexp_extract(${x}, ${str(`^(?:${p})$`)}, ${g})`,
    setAgg: (x, sep) => `array_join(array_sort(collect_list(${x})), ${sep})`,
    joinNonNull: (xs, sep) => `concat_ws(${sep}, ${xs.join(", ")})`,
    toDouble: (x) => `try_cast(${x} as double)`,
  };
}

const regexQuote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** The pattern with only its g-th group capturing (for engines that return the one group). */
function onlyGroup(pattern: string, g: number): string {
  let n = 0;
  return `^(?:${pattern.replace(/\((?!\?)/g, () => (++n === g ? "(" : "(?:"))})$`;
}

// Ages as the JS loader reads them: 58, 058Y, 6M, 20D, 3W (trimmed; case-insensitive unit).
const AGE_PATTERN = "([0-9]+(\\.[0-9]+)?)\\s*([YMDWymdw])?";
// The decimal numbers JavaScript's Number() reads (engines' casts also take 1_000 or inf, which it does not).
// Number() also reads 0x1A, 0b11 and 0o17, which this reads as unreadable: no metadata writes numbers so.
const NUMBER_PATTERN = "[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?";

/** Number(x) where it is finite, as SQL: blank is 0, and text that is not a number is null. */
function finiteNumber(d: Dialect, x: string): string {
  const t = d.trim(x, TRIM_CLASS);
  return `case when ${t} = '' then 0 when ${d.regexpMatches(t, NUMBER_PATTERN)} then ${d.toDouble(t)} end`;
}

/** The index of the last edge x reaches (the JS loader scans from the top), else `below`. */
function binCase(x: string, edges: readonly number[], below: string): string {
  const whens = edges.map((e, i) => `when ${x} >= ${e} then ${i}`).reverse();
  return `case ${whens.join(" ")} else ${below} end`;
}

/** The columns of input_rows: those the query reads that no join supplies, and every join's key. */
export function inputColumns(spec: Spec): string[] {
  const joined = new Set((spec.join ?? []).flatMap((j) => j.columns.map((c) => c.as)));
  const keys = (spec.join ?? []).map((j) => j.key ?? spec.roles.image).filter((k): k is string => !!k);
  return [...new Set([...specColumns(spec).filter((c) => !joined.has(c)), ...keys])];
}

/** Configs the SQL does not cover yet: refused, rather than summarised wrongly. */
export function unsupportedBySql(spec: Spec): string[] {
  const out: string[] = [];
  if (spec.encoding.kind === "binary") {
    const labels = spec.encoding.columns.map((c) => spec.aliases[c.label] ?? c.label);
    if (new Set(labels).size !== labels.length) out.push("binary columns that name the same label");
  }
  return out;
}

export interface SummarySqlOptions {
  dialect?: SqlDialect;
  /** The dataset has official split lists (relation split_list_ids). */
  splitLists?: boolean;
}

/** The summary query for a spec. Pure: the same text whatever runs it. */
export function summarySql(spec: Spec, options: SummarySqlOptions = {}): string {
  const dialectName = options.dialect ?? "duckdb";
  const d = dialectOf(dialectName);
  const s = (x: string) => lit(x, dialectName);
  const trim = (x: string) => d.trim(x, TRIM_CLASS);
  const sep = d.chr(KEY_SEP);
  const col = (name: string) => `coalesce(cast(${d.ident(name)} as ${d.text}), '')`;
  const enc = spec.encoding;
  const binary = enc.kind === "binary";
  const roles = spec.roles;
  const caseMap = (x: string, map: Record<string, string>, otherwise: string) => {
    const entries = Object.entries(map);
    return entries.length === 0
      ? otherwise
      : `case ${entries.map(([from, to]) => `when ${x} = ${s(from)} then ${s(to)}`).join(" ")} else ${otherwise} end`;
  };
  const alias = (x: string) => caseMap(x, spec.aliases, x);
  const pad = (n: number) => String(n).padStart(6, "0");
  const stateOf = (x: string) =>
    `case ${x} when '' then 0 when '0' then 1 when '0.0' then 1 when '-1' then 2 when '-1.0' then 2 when '1' then 3 when '1.0' then 3 else -1 end`;
  // A label's token in set keys: its name, or (binary) its column's number, which is its label number.
  const emptyToken = spec.emptyLabel
    ? binary
      ? s(
          pad(
            labelsOfBinary(spec).indexOf(spec.emptyLabel) === -1
              ? labelsOfBinary(spec).length
              : labelsOfBinary(spec).indexOf(spec.emptyLabel),
          ),
        )
      : s(spec.emptyLabel)
    : null;

  const ctes: [string, string][] = [];
  const cte = (name: string, body: string) => ctes.push([name, body]);

  if (spec.inputs) {
    // The inputs stacked, as the JS loader stacks them: a column an input lacks takes the value the
    // config sets for that input, else blank; then each join, in order, overwrites the columns it
    // names with the last row of its file whose id matches (blank when none does).
    const inputs = spec.inputs;
    const joins = spec.join ?? [];
    const stacked = (c: string) => {
      const set = inputs.flatMap((input, n) => (c in input.set ? [`when ${n} then ${s(input.set[c]!)}`] : []));
      return `coalesce(cast(i.${d.ident(c)} as ${d.text}), ${set.length > 0 ? `case i.input_no ${set.join(" ")} end, ` : ""}'')`;
    };
    const valueBefore = (c: string, before: number): string => {
      for (let j = before - 1; j >= 0; j--) {
        const n = joins[j]!.columns.findIndex((x) => x.as === c);
        if (n !== -1) return `coalesce(j${j}.c${n}, '')`;
      }
      return stacked(c);
    };
    joins.forEach((join, j) => {
      const on = trim(`coalesce(cast(${d.ident(join.on)} as ${d.text}), '')`);
      const id = join.stripExtension ? `regexp_replace(${on}, ${s("\\.[A-Za-z0-9]+$")}, '')` : on;
      const picked = join.columns.map((c, n) => `coalesce(cast(${d.ident(c.column)} as ${d.text}), '') as c${n}`);
      cte(
        `join${j}`,
        `select * from (select ${id} as id, ${picked.join(", ")}, row_number() over (partition by ${id} order by line desc) as k from join_rows_${j}) x where k = 1`,
      );
    });
    const keyOf = (j: number) => {
      const key = joins[j]!.key ?? roles.image;
      return key ? trim(valueBefore(key, j)) : "''";
    };
    const columns = [
      ...specColumns(spec).map((c) => `${valueBefore(c, joins.length)} as ${d.ident(c)}`),
      ...joins.map((_, j) => `case when j${j}.id is null then 1 else 0 end as join_missed_${j}`),
    ];
    const joined = joins.map((_, j) => ` left join join${j} j${j} on j${j}.id = ${keyOf(j)}`).join("");
    cte("metadata_rows", `select i.rn, ${columns.join(", ")} from input_rows i${joined}`);
  }

  const sized = roles.width !== undefined && roles.height !== undefined;
  const boxes = spec.boxes;
  const moreCols = [
    ...spec.attributes.map((a, k) => `${trim(col(a.column))} as a${k}`),
    ...spec.groups.map((g, k) => `${trim(col(g.column))} as g${k}`),
    ...(boxes
      ? [
          `${trim(col(boxes.x))} as box_x`,
          `${trim(col(boxes.y))} as box_y`,
          `${trim(col(boxes.width))} as box_w`,
          `${trim(col(boxes.height))} as box_h`,
        ]
      : []),
    ...(sized ? [`${col(roles.width!)} as w_raw`, `${col(roles.height!)} as h_raw`] : []),
  ];
  // Every row, its values as trimmed text; blank image ids are dropped (and reported) here.
  const binaryCols = binary
    ? enc.columns.map((c, i) => `${stateOf(trim(col(c.column)))} as s${i}, ${trim(col(c.column))} as v${i}`)
    : [];
  cte(
    "r",
    `select rn, ${roles.image ? trim(col(roles.image)) : `'#' || cast(rn as ${d.text})`} as image_id, ${
      binary ? binaryCols.join(", ") : `${col(enc.column)} as cell`
    }, ${roles.sex ? `upper(${trim(col(roles.sex))})` : "''"} as sex_raw, ${roles.age ? trim(col(roles.age)) : "''"} as age_raw, ${
      roles.view ? trim(col(roles.view)) : "''"
    } as view_raw, ${roles.split ? trim(col(roles.split)) : "''"} as split_raw, ${
      roles.patient ? trim(col(roles.patient)) : "''"
    } as patient${moreCols.map((c) => `, ${c}`).join("")} from metadata_rows`,
  );
  // Each kept row with its image's first row: one join, after which no query joins rows by id.
  cte("firsts", `select image_id, min(rn) as first_rn from r where image_id <> '' group by image_id`);
  cte("kept", `select r.*, f.first_rn from r join firsts f on f.image_id = r.image_id`);

  // Each row's own set (interned by the JS loader as the row is read, duplicates included), as a key
  // of its labels' tokens: a label's name, or (binary) its column's number, which is its label number.
  const binaryKey = (k: string) =>
    d.joinNonNull(
      enc.kind === "binary" ? enc.columns.map((_, i) => `case when ${k}.s${i} = 3 then ${s(pad(i))} end`) : [],
      sep,
    );
  if (binary) {
    cte("row_sets", `select rn, ${binaryKey("kept")} as set_key from kept`);
    cte(
      "row_tokens",
      enc.columns
        .map((_, i) => `select rn, image_id, ${s(pad(i))} as token from kept where s${i} = 3`)
        .join(" union all "),
    );
  } else {
    cte("cells", `select cell, min(rn) as first_rn from kept group by cell`);
    const parts =
      enc.kind === "delimited"
        ? `select x.cell, x.pos, ${alias(trim("x.part"))} as label from (${d.explode("cells", "cell", enc.separator)}) x where ${trim("x.part")} <> ''`
        : `select cell, 1 as pos, ${alias(trim("cell"))} as label from cells where ${trim("cell")} <> ''`;
    cte("parts", parts);
    cte(
      "label_order",
      `select label, first_rn, pos from (select p.label, c.first_rn, p.pos, row_number() over (partition by p.label order by c.first_rn, p.pos) as k from parts p join cells c on c.cell = p.cell) x where k = 1`,
    );
    cte("cell_labels", `select distinct cell, label from parts`);
    cte(
      "cell_sets",
      `select c.cell, c.first_rn, coalesce(t.set_key, '') as set_key from cells c left join (select cell, ${d.setAgg("label", sep)} as set_key from cell_labels group by cell) t on t.cell = c.cell`,
    );
    // A set is first met on the first row of the first cell that has it.
    cte("row_sets", `select first_rn as rn, set_key from cell_sets`);
    if (spec.rowsPerImage)
      cte("row_tokens", `select k.rn, k.image_id, p.label as token from kept k join cell_labels p on p.cell = k.cell`);
  }
  // An image's set: its first row's, or with rows per image the union of its rows'.
  if (spec.rowsPerImage) {
    cte("image_tokens", `select distinct image_id, token from row_tokens`);
    cte("image_sets", `select image_id, ${d.setAgg("token", sep)} as set_key from image_tokens group by image_id`);
  }
  if (spec.rowsPerImage) {
    // The running union of an image's rows, at each row where it grows: the sets the JS loader interns.
    cte("token_first", `select image_id, token, min(rn) as frn from row_tokens group by image_id, token`);
    // (b.token is distinct within a step: each token has one first row per image.)
    cte(
      "steps",
      `select a.image_id, a.frn as rn, ${d.setAgg("b.token", sep)} as set_key from (select distinct image_id, frn from token_first) a join token_first b on b.image_id = a.image_id and b.frn <= a.frn group by a.image_id, a.frn`,
    );
  }
  if (options.splitLists)
    cte(
      "listed",
      `select id, split, list_no from (select id, split, list_no, row_number() over (partition by id order by list_no desc) as k from split_list_ids) x where k = 1`,
    );

  const sexNorm = `case k.sex_raw when 'M' then 'M' when 'MALE' then 'M' when 'F' then 'F' when 'FEMALE' then 'F' when '' then ${s(UNKNOWN)} when 'UNKNOWN' then ${s(UNKNOWN)} else k.sex_raw end`;
  // Each distinct age text is parsed once (ages repeat): its group, and 1 unreadable / 2 impossible.
  const ageOk = d.regexpMatches("age_raw", AGE_PATTERN);
  const ageN = d.toDouble(d.regexpGroup("age_raw", AGE_PATTERN, 1));
  const ageUnit = `upper(${d.regexpGroup("age_raw", AGE_PATTERN, 3)})`;
  cte(
    "age_parsed",
    `select age_raw, ${ageOk} as ok, floor(case ${ageUnit} when 'M' then ${ageN} / 12 when 'W' then ${ageN} / 52 when 'D' then ${ageN} / 365 else ${ageN} end) as years from (select distinct age_raw from kept) x`,
  );
  const unknownAge = AGE_BUCKETS.length;
  cte(
    "ages",
    `select age_raw, case when age_raw = '' then ${unknownAge} when not ok then ${unknownAge} when years > 120 then ${unknownAge} when years >= 100 then ${
      unknownAge - 1
    } else cast(floor(years / 5) as bigint) end as age, case when age_raw <> '' and not ok then 1 when age_raw <> '' and years > 120 then 2 else 0 end as age_problem from age_parsed`,
  );
  const dataSplit = caseMap(
    "k.split_raw",
    spec.splitValues,
    `case when k.split_raw = '' then ${s(UNKNOWN)} else k.split_raw end`,
  );
  // Each distinct value of an attribute is read once: its value (a category, or a bin's number) and
  // 1 when it is not a number a binned attribute can count. Number("") is 0, hence the two blanks.
  spec.attributes.forEach((a, k) => {
    const shown = `select raw, ${caseMap("raw", a.values, "raw")} as shown from (select distinct a${k} as raw from kept) x`;
    if (!a.bins) {
      cte(
        `attr${k}`,
        `select raw, case when shown = '' then ${s(UNKNOWN)} else shown end as value, 0 as problem from (${shown}) y`,
      );
      return;
    }
    const unknown = String(a.bins.length);
    cte(
      `attr${k}`,
      `select raw, cast(case when shown = '' or n is null then ${unknown} else ${binCase("n", a.bins, unknown)} end as ${
        d.text
      }) as value, case when raw <> '' and n is null then 1 else 0 end as problem from (select raw, shown, ${finiteNumber(
        d,
        "shown",
      )} as n from (${shown}) y) z`,
    );
  });
  const attrCols = spec.attributes.map((_, k) => `, t${k}.value as av${k}, t${k}.problem as ap${k}`).join("");
  const attrJoins = spec.attributes.map((_, k) => ` join attr${k} t${k} on t${k}.raw = k.a${k}`).join("");
  const attrKey =
    spec.attributes.length > 0
      ? d.joinNonNull(
          spec.attributes.map((_, k) => `av${k}`),
          sep,
        )
      : "null";
  // Each distinct image size is read once: width × height, or null when either is not a positive number.
  if (sized)
    cte(
      "image_areas",
      `select w_raw, h_raw, case when w > 0 and h > 0 then w * h end as area from (select w_raw, h_raw, ${finiteNumber(
        d,
        "w_raw",
      )} as w, ${finiteNumber(d, "h_raw")} as h from (select distinct w_raw, h_raw from kept) x) y`,
    );
  const rawKey = spec.rowsPerImage ? "coalesce(i.set_key, '')" : binary ? binaryKey("k") : "c.set_key";
  const imageJoins = spec.rowsPerImage
    ? " left join image_sets i on i.image_id = k.image_id"
    : binary
      ? ""
      : " join cell_sets c on c.cell = k.cell";
  cte(
    "images0",
    `select k.*, ${rawKey} as raw_key, ${sexNorm} as sex, a.age, a.age_problem, case when k.view_raw = '' then ${s(
      UNKNOWN,
    )} else k.view_raw end as view, ${dataSplit} as data_split, ${
      options.splitLists ? `coalesce(l.split, ${dataSplit})` : dataSplit
    } as split${attrCols}, ${sized ? "z.area" : d.toDouble("null")} as area from kept k join ages a on a.age_raw = k.age_raw${attrJoins}${
      sized ? " join image_areas z on z.w_raw = k.w_raw and z.h_raw = k.h_raw" : ""
    }${imageJoins}${options.splitLists ? " left join listed l on l.id = k.image_id" : ""} where k.rn = k.first_rn`,
  );
  cte(
    "images",
    `select *, ${emptyToken ? `case when raw_key = '' then ${emptyToken} else raw_key end` : "raw_key"} as set_key, ${attrKey} as attr_key from images0`,
  );
  // The final tokens of each image (with the empty label for images that have none), with its
  // patient and its other groups.
  const units = ["patient", ...spec.groups.map((_, k) => `g${k}`)];
  const unitsOf = (rel: string) => units.map((u) => `${rel}${u}`).join(", ");
  const tokens = spec.rowsPerImage
    ? `select t.token, ${unitsOf("i.")} from image_tokens t join images i on i.image_id = t.image_id`
    : binary
      ? enc.columns
          .map((_, i) => `select ${s(pad(i))} as token, ${unitsOf("")} from images where s${i} = 3`)
          .join(" union all ")
      : `select c.label as token, ${unitsOf("i.")} from images i join cell_labels c on c.cell = i.cell`;
  if (roles.patient || spec.groups.length > 0)
    cte(
      "final_tokens",
      `${tokens}${emptyToken ? ` union all select ${emptyToken} as token, ${unitsOf("")} from images where raw_key = ''` : ""}`,
    );

  // The result: one select per figure, all of the same shape.
  const row = (field: string, ks: string[], ns: string[]) => {
    const k = [...ks, "null", "null", "null", "null", "null", "null"].slice(0, 6).map((x) => `cast(${x} as ${d.text})`);
    const n = [...ns, "null", "null", "null"].slice(0, 3).map((x) => `cast(${x} as bigint)`);
    return `select ${s(field)} as field, ${k.map((x, i) => `${x} as k${i + 1}`).join(", ")}, ${n
      .map((x, i) => `${x} as n${i + 1}`)
      .join(", ")}`;
  };
  const parts: string[] = [];
  parts.push(`${row("rows", [], ["count(*)"])} from metadata_rows`);
  parts.push(
    `${row(
      "images",
      [],
      [
        "count(*)",
        "count(distinct case when patient <> '' then patient end)",
        "sum(case when raw_key <> '' then 1 else 0 end)",
      ],
    )} from images`,
  );
  if (!binary) parts.push(`${row("label", ["label"], ["first_rn", "pos"])} from label_order`);
  // Label sets, with the earliest row that creates each: rn * 2, + 1 when made by merging rows.
  const events = [`select set_key, rn * 2 as o from row_sets`];
  if (spec.rowsPerImage) events.push(`select set_key, rn * 2 + 1 as o from steps`);
  if (emptyToken) events.push(`select ${emptyToken} as set_key, cast(null as bigint) as o`);
  parts.push(`${row("set", ["set_key"], ["min(o)"])} from (${events.join(" union all ")}) e group by set_key`);
  for (const dim of ["sex", "view"])
    parts.push(`${row(dim, [dim], ["count(*)", "min(first_rn)"])} from images group by ${dim}`);
  parts.push(`${row("split", ["split"], ["count(*)"])} from images group by split`);
  parts.push(`${row("split_first", ["data_split"], ["min(first_rn)"])} from images group by data_split`);
  if (options.splitLists)
    parts.push(
      `${row("split_list", ["l.split"], ["min(l.list_no)"])} from split_list_ids l join firsts f on f.image_id = l.id group by l.split`,
    );
  parts.push(
    `${row("cube", ["set_key", "sex", "cast(age as bigint)", "view", "split", "attr_key"], ["count(*)"])} from images group by set_key, sex, age, view, split, attr_key`,
  );
  spec.attributes.forEach((_, k) =>
    parts.push(
      `${row("attribute", [s(String(k)), `av${k}`], ["count(*)", "min(first_rn)"])} from images group by av${k}`,
    ),
  );
  spec.groups.forEach((_, k) => {
    const g = `g${k}`;
    parts.push(
      `${row("group", [s(String(k))], [`count(distinct case when ${g} <> '' then ${g} end)`, `sum(case when ${g} = '' then 1 else 0 end)`])} from images`,
      `${row("group_labels", [s(String(k)), "token"], [`count(distinct ${g})`])} from final_tokens where ${g} <> '' group by token`,
      `${row("group_splits", [s(String(k)), "split"], [`count(distinct ${g})`])} from images where ${g} <> '' group by split`,
      `${row("group_several", [s(String(k))], ["count(*)"])} from (select ${g} from images where ${g} <> '' group by ${g} having count(distinct split) > 1) x`,
    );
  });
  if (roles.patient) {
    parts.push(
      `${row("label_patients", ["token"], ["count(distinct patient)"])} from final_tokens where patient <> '' group by token`,
    );
    parts.push(
      `${row("split_patients", ["split"], ["count(distinct patient)"])} from images where patient <> '' group by split`,
    );
    parts.push(
      `${row("several_splits", [], ["count(*)"])} from (select patient from images where patient <> '' group by patient having count(distinct split) > 1) x`,
    );
  }
  if (binary) {
    // Per image and label column, the strongest state of its rows (its first row without rows per image).
    const maxes = enc.columns.map((_, i) => `max(case when s${i} < 0 then 0 else s${i} end) as m${i}`).join(", ");
    cte("image_states", `select image_id, ${maxes} from ${spec.rowsPerImage ? "kept" : "images"} group by image_id`);
    enc.columns.forEach((_, i) =>
      parts.push(`${row("label_state", [s(String(i)), `m${i}`], ["count(*)"])} from image_states group by m${i}`),
    );
  }

  (spec.inputs ? (spec.join ?? []) : []).forEach((_, j) =>
    parts.push(`${row("join_missed", [s(String(j))], [`sum(join_missed_${j})`])} from metadata_rows`),
  );
  if (boxes || spec.boxFile) {
    // Boxes of the label file's rows (a row's first label names its box unless the config names one)
    // and of the box file, matched to images by id: one row per box, ok when it is counted.
    const sources: string[] = [];
    if (boxes) {
      let label = boxes.label ? s(boxes.label) : "fl.label";
      let labelJoin = "";
      if (!boxes.label && binary)
        label = `case ${labelsOfBinary(spec)
          .map((l, i) => `when k.s${i} = 3 then ${s(l)}`)
          .join(" ")} end`;
      else if (!boxes.label) {
        cte("label_rank", `select label, row_number() over (order by first_rn, pos) as label_no from label_order`);
        cte(
          "cell_first_label",
          `select cell, label from (select c.cell, l.label, row_number() over (partition by c.cell order by l.label_no) as k from cell_labels c join label_rank l on l.label = c.label) x where k = 1`,
        );
        labelJoin = " left join cell_first_label fl on fl.cell = k.cell";
      }
      sources.push(
        `select k.rn, 0 as src, k.image_id, ${label} as label, k.box_x as x, k.box_y as y, k.box_w as bw, k.box_h as bh, 1 as matched, i.area from kept k join images i on i.image_id = k.image_id${labelJoin} where (k.box_w <> '' or k.box_h <> '')${
          spec.rowsPerImage ? "" : " and k.rn = k.first_rn"
        }`,
      );
    }
    if (spec.boxFile)
      sources.push(
        `select b.line as rn, 1 as src, b.image_id, ${trim("b.label")} as label, ${trim("b.x")} as x, ${trim(
          "b.y",
        )} as y, b.width as bw, b.height as bh, case when i.image_id is null then 0 else 1 end as matched, i.area from (select *, ${trim(
          "image",
        )} as image_id from box_file_rows) b left join images i on i.image_id = b.image_id`,
      );
    cte(
      "box_rows",
      `select *, case when matched = 1 and w > 0 and h > 0 and x <> '' and y <> '' and label is not null then 1 else 0 end as ok from (select *, ${finiteNumber(
        d,
        "bw",
      )} as w, ${finiteNumber(d, "bh")} as h from (${sources.join(" union all ")}) s) t`,
    );
    parts.push(
      `${row("boxes", [], ["sum(ok)", "count(distinct case when ok = 1 then image_id end)", "sum(1 - ok)"])} from box_rows`,
      `${row("boxes_sized", [], ["sum(case when ok = 1 and area > 0 then 1 else 0 end)"])} from box_rows`,
      `${row("box_label", ["label"], ["count(*)", "count(distinct image_id)"])} from box_rows where ok = 1 group by label`,
      `${row("box_per_image", ["n"], ["count(*)"])} from (select image_id, count(*) as n from box_rows where ok = 1 group by image_id) x group by n`,
      `${row("box_pixels", ["bin"], ["count(*)"])} from (select ${binCase("sqrt(w * h)", BOX_PIXEL_EDGES, "0")} as bin from box_rows where ok = 1) x group by bin`,
      `${row("box_relative", ["bin"], ["count(*)"])} from (select ${binCase("(100 * (w * h)) / area", BOX_RELATIVE_EDGES, "0")} as bin from box_rows where ok = 1 and area > 0) x group by bin`,
    );
  }

  // Problems: the first few of each kind by row, and how many there are.
  const problem = (kind: string, where: string, from: string, ks: string[], rn = "rn") => {
    parts.push(
      `select * from (${row(`problem:${kind}`, ks, [rn])} from ${from} where ${where} order by ${rn} limit ${PROBLEMS_PER_KIND}) x`,
    );
    parts.push(`${row(`count:${kind}`, [], ["count(*)"])} from ${from} where ${where}`);
  };
  problem("blank-id", "image_id = ''", "r", []);
  if (!spec.rowsPerImage)
    problem(
      "duplicate",
      "k.rn > f.first_rn",
      "kept k join firsts f on f.image_id = k.image_id",
      ["k.image_id"],
      "k.rn",
    );
  if (binary) enc.columns.forEach((_, i) => problem(`unexpected:${i}`, `s${i} < 0`, "kept", [`v${i}`]));
  problem("age", "age_problem > 0", "images", ["cast(age_problem as bigint)", "age_raw"]);
  spec.attributes.forEach((a, k) => {
    if (a.bins) problem(`attribute:${k}`, `ap${k} = 1`, "images", [`a${k}`]);
  });
  if (boxes) problem("box", "src = 0 and ok = 0", "box_rows", ["x", "y", "bw", "bh"]);
  if (spec.boxFile) problem("box-file", "src = 1 and ok = 0", "box_rows", ["image_id", "matched"]);

  // DuckDB inlines a CTE into each query that uses it unless told to compute it once.
  const query = parts.join("\nunion all\n");
  const uses = (name: string) =>
    (query + ctes.map(([, body]) => body).join(" ")).match(new RegExp(`\\b${name}\\b`, "g"))?.length ?? 0;
  const materialized = (name: string) => (dialectName === "duckdb" && uses(name) > 1 ? " materialized" : "");
  return `with\n${ctes.map(([name, body]) => `${name} as${materialized(name)} (\n  ${body}\n)`).join(",\n")}\n${query}\n`;
}

function labelsOfBinary(spec: Spec): string[] {
  return spec.encoding.kind === "binary" ? spec.encoding.columns.map((c) => spec.aliases[c.label] ?? c.label) : [];
}

/** Where problems are: rows by their number rn, and what problems met after the rows carry. */
export interface ProblemPlaces {
  row(rn: number): Pick<SummaryProblem, "file" | "line" | "locator">;
  /** The JS loader names the last input read on problems it meets after the rows (joins, a box file). */
  late: Pick<SummaryProblem, "file">;
}

/** A single table: rows are located by their position (the engines do not know a CSV's lines). */
const ROW_PLACES: ProblemPlaces = { row: (rn) => ({ line: rn, locator: "row" }), late: {} };

const PROBLEM_TEXT = {
  blank: "blank image id (skipped)",
  duplicate: (id: string) => `image "${id}" appears again (skipped; declare rows per image if this is intended)`,
  unexpected: (v: string) => `unexpected value "${v}" (expected 1, 0, -1 or blank): counted as blank`,
  unreadableAge: (s: string) => `unreadable age "${s}" (expected a number of years, or 058Y, 6M, 20D)`,
  impossibleAge: (s: string) => `impossible age "${s}" (over 120 years): counted as unknown`,
  unreadableNumber: (s: string, name: string) => `unreadable number "${s}" for ${name}: counted as unknown`,
  unreadableBox: (xywh: (string | null)[]) =>
    `unreadable box (${xywh.map((v) => v ?? "").join(", ")}): not counted as a box`,
  boxOfNoImage: (file: string, id: string) =>
    `${file}: box for image "${id}", which is not in the labels file (not counted)`,
  unreadableBoxSize: (file: string) => `${file}: unreadable box size (not counted)`,
  joinMissed: (n: number, file: string) => `${n} rows have no row in ${file}: their joined columns count as unknown`,
};

/**
 * Turns the query's result (from DuckDB, or exported from a warehouse as CSV) into the summary the
 * JS loader writes: the same numbering of labels and label sets, the same order of values.
 */
export function summaryFromSqlResult(
  spec: Spec,
  rows: readonly ResultRow[],
  file: string,
  { maxProblems = 20, places = ROW_PLACES }: { maxProblems?: number; places?: ProblemPlaces } = {},
): SummaryCore {
  const by = new Map<string, ResultRow[]>();
  for (const r of rows) {
    const list = by.get(r.field) ?? [];
    list.push(r);
    by.set(r.field, list);
  }
  const get = (field: string) => by.get(field) ?? [];
  const one = (field: string): ResultRow => {
    const r = get(field)[0];
    if (!r) throw new Error(`the SQL result has no "${field}" row: is it the result of npm run ingest -- --print-sql?`);
    return r;
  };
  const num = (n: number | null) => n ?? 0;
  const enc = spec.encoding;
  const binary = enc.kind === "binary";
  const rowsRead = num(one("rows").n1);
  if (rowsRead === 0) throw new DataFileError([{ file, line: 1, message: "no data rows after the header" }]);
  const imagesRow = one("images");
  const images = num(imagesRow.n1);
  if (!binary && images > 0 && num(imagesRow.n3) === 0)
    throw new DataFileError([
      {
        file,
        line: 1,
        locator: "row",
        columnName: enc.column,
        message: `the labels column "${enc.column}" is blank in every row`,
      },
    ]);

  // Labels: declared columns first (binary), else by first appearance; the empty label last if new.
  const labels = binary
    ? labelsOfBinary(spec)
    : get("label")
        .sort((a, b) => num(a.n1) - num(b.n1) || num(a.n2) - num(b.n2))
        .map((r) => r.k1 ?? "");
  if (spec.emptyLabel && !labels.includes(spec.emptyLabel)) labels.push(spec.emptyLabel);
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const tokenIndex = (token: string) => (binary ? Number(token) : labelIndex.get(token)!);
  const sep = String.fromCharCode(KEY_SEP);
  const setOfKey = (key: string) =>
    key === ""
      ? []
      : key
          .split(sep)
          .map(tokenIndex)
          .sort((a, b) => a - b);

  const setRows = get("set").sort((a, b) =>
    a.n1 === null ? (b.n1 === null ? 0 : 1) : b.n1 === null ? -1 : a.n1 - b.n1,
  );
  const labelSets = setRows.map((r) => setOfKey(r.k1 ?? ""));
  const setIndex = new Map(setRows.map((r, i) => [r.k1 ?? "", i]));

  // Dimension values by frequency, ties in order of first appearance, unknown last.
  const order = (values: { value: string; n: number; first: number }[]) =>
    values
      .filter((v) => v.n > 0)
      .sort((a, b) => a.first - b.first)
      .sort((a, b) => (a.value === UNKNOWN ? 1 : b.value === UNKNOWN ? -1 : b.n - a.n))
      .map((v) => v.value);
  const dimOf = (field: string) =>
    order(get(field).map((r) => ({ value: r.k1 ?? "", n: num(r.n1), first: num(r.n2) })));
  const index = (values: string[]) => new Map(values.map((v, i) => [v, i]));
  const sex = dimOf("sex");
  const view = dimOf("view");
  const dataFirst = new Map(get("split_first").map((r) => [r.k1 ?? "", num(r.n1)]));
  const listFirst = new Map(get("split_list").map((r) => [r.k1 ?? "", num(r.n1)]));
  const split = order(
    get("split").map((r) => {
      const value = r.k1 ?? "";
      const first = dataFirst.has(value)
        ? dataFirst.get(value)!
        : Number.MAX_SAFE_INTEGER / 2 + (listFirst.get(value) ?? 0);
      return { value, n: num(r.n1), first };
    }),
  );
  const splitsKnown = split.some((v) => v !== UNKNOWN);
  const age = [...AGE_BUCKETS, UNKNOWN];

  // Attributes: categories ordered as the dimensions are; bins in order, as the JS loader keeps them.
  const attributes = spec.attributes.map((a, k) => {
    const rows = get("attribute").filter((r) => r.k1 === String(k));
    const names = attributeBinNames(a);
    if (!names) {
      const values = order(rows.map((r) => ({ value: r.k2 ?? "", n: num(r.n1), first: num(r.n2) })));
      return { summary: toSummaryAttribute(a, values), index: index(values) };
    }
    const counts = names.map((_, bin) => num(rows.find((r) => r.k2 === String(bin))?.n1 ?? 0));
    const kept = keptBins(counts);
    return {
      summary: toSummaryAttribute(
        a,
        kept.map((bin) => names[bin]!),
      ),
      index: index(kept.map(String)),
    };
  });

  const [sexIndex, viewIndex, splitIndex] = [index(sex), index(view), index(split)];
  const cube = get("cube")
    .map((r) => {
      const attrs = spec.attributes.length > 0 ? (r.k6 ?? "").split(sep) : [];
      return [
        setIndex.get(r.k1 ?? "")!,
        sexIndex.get(r.k2 ?? "")!,
        Number(r.k3),
        viewIndex.get(r.k4 ?? "")!,
        splitIndex.get(r.k5 ?? "")!,
        ...attrs.map((v, k) => attributes[k]!.index.get(v)!),
        num(r.n1),
      ];
    })
    .sort((a, b) => {
      for (let i = 0; i < a.length - 1; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
      return 0;
    });
  const labelImages = new Array<number>(labels.length).fill(0);
  for (const cell of cube) for (const l of labelSets[cell[0]!]!) labelImages[l]! += cell[cell.length - 1]!;

  const hasPatients = spec.roles.patient !== undefined;
  let labelPatients: number[] | null = null;
  let splitPatients: number[] | null = null;
  let patientsInSeveralSplits: number | null = null;
  if (hasPatients) {
    labelPatients = new Array<number>(labels.length).fill(0);
    for (const r of get("label_patients")) labelPatients[tokenIndex(r.k1 ?? "")] = num(r.n1);
    if (splitsKnown) {
      splitPatients = new Array<number>(split.length).fill(0);
      for (const r of get("split_patients")) splitPatients[splitIndex.get(r.k1 ?? "")!] = num(r.n1);
      patientsInSeveralSplits = num(one("several_splits").n1);
    }
  }

  const groups = spec.groups.map((g, k) => {
    const of = (field: string) => get(field).filter((r) => r.k1 === String(k));
    const totals = of("group")[0];
    const labelCounts = new Array<number>(labels.length).fill(0);
    for (const r of of("group_labels")) labelCounts[tokenIndex(r.k2 ?? "")] = num(r.n1);
    let splitCounts: number[] | null = null;
    if (splitsKnown) {
      splitCounts = new Array<number>(split.length).fill(0);
      for (const r of of("group_splits")) splitCounts[splitIndex.get(r.k2 ?? "")!] = num(r.n1);
    }
    return toSummaryGroup(g, {
      total: num(totals?.n1 ?? 0),
      imagesWithout: num(totals?.n2 ?? 0),
      labelCounts,
      splitCounts,
      inSeveralSplits: splitsKnown ? num(of("group_several")[0]?.n1 ?? 0) : null,
    });
  });

  let labelStates: RowsSummary["labelStates"] = null;
  if (binary) {
    labelStates = enc.columns.map(() => ({ positive: 0, negative: 0, uncertain: 0, blank: 0 }));
    const names = ["blank", "negative", "uncertain", "positive"] as const;
    for (const r of get("label_state")) labelStates[Number(r.k1)]![names[Number(r.k2)]!] += num(r.n1);
  }

  // Problems in row order (within a row, in the order the JS loader meets them), and their counts.
  const count = (kind: string) => num(get(`count:${kind}`)[0]?.n1 ?? 0);
  const unexpectedKinds = binary ? enc.columns.map((_, i) => `unexpected:${i}`) : [];
  const rowsSkipped = count("blank-id") + count("duplicate");
  const attributeKinds = spec.attributes.map((_, k) => `attribute:${k}`);
  const rowsFlagged = [...unexpectedKinds, "age", ...attributeKinds, "box"].reduce((n, k) => n + count(k), 0);
  const found: { rn: number; rank: number; problem: SummaryProblem }[] = [];
  const at = places.row;
  for (const r of get("problem:blank-id"))
    found.push({
      rn: num(r.n1),
      rank: 0,
      problem: { ...at(num(r.n1)), column: spec.roles.image, message: PROBLEM_TEXT.blank },
    });
  if (binary)
    enc.columns.forEach((c, i) => {
      for (const r of get(`problem:unexpected:${i}`))
        found.push({
          rn: num(r.n1),
          rank: 1 + i,
          problem: { ...at(num(r.n1)), column: c.column, message: PROBLEM_TEXT.unexpected(r.k1 ?? "") },
        });
    });
  for (const r of get("problem:duplicate"))
    found.push({
      rn: num(r.n1),
      rank: 1000,
      problem: { ...at(num(r.n1)), column: spec.roles.image, message: PROBLEM_TEXT.duplicate(r.k1 ?? "") },
    });
  for (const r of get("problem:age"))
    found.push({
      rn: num(r.n1),
      rank: 1001,
      problem: {
        ...at(num(r.n1)),
        column: spec.roles.age,
        message: r.k1 === "1" ? PROBLEM_TEXT.unreadableAge(r.k2 ?? "") : PROBLEM_TEXT.impossibleAge(r.k2 ?? ""),
      },
    });
  spec.attributes.forEach((a, k) => {
    for (const r of get(`problem:attribute:${k}`))
      found.push({
        rn: num(r.n1),
        rank: 1002 + k,
        problem: {
          ...at(num(r.n1)),
          column: a.column,
          message: PROBLEM_TEXT.unreadableNumber(r.k1 ?? "", a.name ?? a.column),
        },
      });
  });
  for (const r of get("problem:box"))
    found.push({
      rn: num(r.n1),
      rank: 2000,
      problem: { ...at(num(r.n1)), message: PROBLEM_TEXT.unreadableBox([r.k1, r.k2, r.k3, r.k4]) },
    });
  // Joined files and the box file are done with after the rows; box problems name their own lines.
  const baseName = (f: string) => f.split("/").pop() ?? f;
  for (const r of get("join_missed")) {
    const j = Number(r.k1);
    if (num(r.n1) > 0)
      found.push({
        rn: Number.MAX_SAFE_INTEGER / 4,
        rank: j,
        problem: {
          ...places.late,
          line: 1,
          message: PROBLEM_TEXT.joinMissed(num(r.n1), baseName(spec.join?.[j]?.file ?? "")),
        },
      });
  }
  const boxFileName = baseName(spec.boxFile?.file ?? "");
  for (const r of get("problem:box-file"))
    found.push({
      rn: Number.MAX_SAFE_INTEGER / 2 + num(r.n1),
      rank: 0,
      problem: {
        ...places.late,
        line: num(r.n1),
        message:
          r.k2 === "0"
            ? PROBLEM_TEXT.boxOfNoImage(boxFileName, r.k1 ?? "")
            : PROBLEM_TEXT.unreadableBoxSize(boxFileName),
      },
    });
  const problems = found
    .sort((a, b) => a.rn - b.rn || a.rank - b.rank)
    .slice(0, maxProblems)
    .map((f) => f.problem);

  return {
    kind: "rows",
    dataset: spec.dataset,
    unit: spec.unit,
    labels,
    noFinding: spec.noFinding,
    images,
    patients: hasPatients ? num(imagesRow.n2) : null,
    labelImages,
    labelPatients,
    labelStates,
    dims: { sex, age, view, split },
    attributes: attributes.map((a) => a.summary),
    groups,
    boxes: spec.boxes || spec.boxFile ? boxesOf(get, spec.boxFile?.file ?? file) : null,
    labelSets,
    cube,
    splitPatients,
    patientsInSeveralSplits,
    rowsRead,
    rowsSkipped,
    rowsFlagged,
    problems,
  };
}

/** The box figures from the box_* rows of the result. */
function boxesOf(get: (field: string) => ResultRow[], file: string): RowsSummary["boxes"] {
  const n = (r: ResultRow | undefined) => r?.n1 ?? 0;
  const totals = get("boxes")[0];
  const bins = (field: string, edges: readonly number[]) =>
    edges.map((_, i) => n(get(field).find((r) => r.k1 === String(i))));
  return toSummaryBoxes(file, {
    total: n(totals),
    images: totals?.n2 ?? 0,
    unmatched: totals?.n3 ?? 0,
    labels: get("box_label").map((r) => ({ label: r.k1 ?? "", boxes: r.n1 ?? 0, images: r.n2 ?? 0 })),
    perImage: new Map(get("box_per_image").map((r) => [Number(r.k1), n(r)])),
    pixels: bins("box_pixels", BOX_PIXEL_EDGES),
    relative: bins("box_relative", BOX_RELATIVE_EDGES),
    withArea: n(get("boxes_sized")[0]),
  });
}
