import { z } from "zod";
import { DataFileError, parseCsv, type CsvRow } from "@/lib/csv";
import { ageBucket, AGE_BUCKETS, UNKNOWN, type RowsSummary, type SummaryProblem } from "@/lib/label-summary";

/** How a metadata file encodes its labels. */
export const encodingSchema = z.discriminatedUnion("kind", [
  /** (a) one column of labels joined by a separator, e.g. NIH's `Atelectasis|Effusion`. */
  z.object({ kind: z.literal("delimited"), column: z.string(), separator: z.string().min(1) }),
  /** (b) one column per label: 1 positive, 0 negative, -1 uncertain, blank not labelled. */
  z.object({ kind: z.literal("binary"), columns: z.array(z.object({ column: z.string(), label: z.string() })).min(1) }),
  /** (c) one column holding a single label per image. */
  z.object({ kind: z.literal("single"), column: z.string() }),
]);
export type LabelEncoding = z.output<typeof encodingSchema>;

export const metadataSpecSchema = z.object({
  dataset: z.string(),
  unit: z.string().default("images"),
  roles: z.object({
    image: z.string().optional(),
    patient: z.string().optional(),
    sex: z.string().optional(),
    age: z.string().optional(),
    view: z.string().optional(),
    split: z.string().optional(),
  }),
  encoding: encodingSchema,
  /** (d) several rows per image (one per box): rows are merged by image id and images are counted once. */
  rowsPerImage: z.boolean().default(false),
  /** The label an image with no positive label gets, when the file has no explicit one. */
  emptyLabel: z.string().nullable().default(null),
  /** The "no finding" state, drawn as its own bar. */
  noFinding: z.string().nullable().default(null),
  aliases: z.record(z.string(), z.string()).default({}),
});
export type MetadataSpec = z.input<typeof metadataSpecSchema>;

interface ImageEntry {
  labels: Set<number>;
  /** Binary encodings: per label the strongest state over the image's rows (BLANK < NEGATIVE < UNCERTAIN < POSITIVE). */
  states: Int8Array | null;
  patient: string | null;
  sex: string;
  age: string;
  view: string;
  split: string;
}

export interface SummarizeOptions {
  file: string;
  /** Image id → split name, from official split lists; overrides any split column. */
  splitOf?: Map<string, string>;
  maxProblems?: number;
  /** Force a delimiter; by default it is detected from the first lines. */
  delimiter?: string;
}

export type SummaryCore = Omit<RowsSummary, "provenance"> & {
  rowsRead: number;
  rowsSkipped: number;
  rowsFlagged: number;
  problems: SummaryProblem[];
};

const BLANK = 0;
const NEGATIVE = 1;
const UNCERTAIN = 2;
const POSITIVE = 3;
const STATE_OF = new Map<string, number>([
  ["", BLANK],
  ["0", NEGATIVE],
  ["0.0", NEGATIVE],
  ["-1", UNCERTAIN],
  ["-1.0", UNCERTAIN],
  ["1", POSITIVE],
  ["1.0", POSITIVE],
]);

/** Parses ages written 58, 058Y, 6M or 20D into whole years; null when blank or unreadable. */
export function parseAge(raw: string): { years: number | null; problem?: string } {
  const s = raw.trim();
  if (s === "") return { years: null };
  const m = /^(\d+(?:\.\d+)?)\s*([YMDW])?$/i.exec(s);
  if (!m) return { years: null, problem: `unreadable age "${s}" (expected a number of years, or 058Y, 6M, 20D)` };
  const n = Number(m[1]);
  const unit = (m[2] ?? "Y").toUpperCase();
  const years = Math.floor(unit === "Y" ? n : unit === "M" ? n / 12 : unit === "W" ? n / 52 : n / 365);
  if (years > 120) return { years: null, problem: `impossible age "${s}" (over 120 years): counted as unknown` };
  return { years };
}

export function normalizeSex(raw: string): string {
  const s = raw.trim().toUpperCase();
  if (s === "M" || s === "MALE") return "M";
  if (s === "F" || s === "FEMALE") return "F";
  return s === "" ? UNKNOWN : s;
}

/** Turns metadata CSV text into exact label figures. Pure: the same code runs in Node and in a Worker. */
export function summarizeMetadata(text: string, specInput: MetadataSpec, options: SummarizeOptions): SummaryCore {
  const spec = metadataSpecSchema.parse(specInput);
  const fail = (message: string, line = 1): never => {
    throw new DataFileError([{ file: options.file, line, message }]);
  };
  if (text.trim() === "") fail("the file is empty (expected a header row naming the columns, then one row per image)");
  if (text.slice(0, 4096).includes("\u0000")) fail("this looks like a binary file, not CSV text (found NUL bytes)");
  const table = parseCsv(text, options.file, { delimiter: options.delimiter });
  if (table.rows.length === 0) fail("no data rows after the header");
  return summarizeRows(table.header, table.rows, spec, options, table.problems.map((p) => ({ line: p.line, message: p.message })));
}

export function summarizeRows(
  header: string[],
  rows: CsvRow[],
  spec: z.output<typeof metadataSpecSchema>,
  options: SummarizeOptions,
  initialProblems: SummaryProblem[] = [],
): SummaryCore {
  const maxProblems = options.maxProblems ?? 20;
  const problems: SummaryProblem[] = [...initialProblems];
  let rowsSkipped = 0;
  let rowsFlagged = 0;
  const report = (p: SummaryProblem) => {
    if (problems.length < maxProblems) problems.push(p);
  };

  const missing: string[] = [];
  const col = (name: string | undefined, role: string): number => {
    if (name === undefined) return -1;
    const i = header.indexOf(name);
    if (i === -1) missing.push(`no column "${name}" for the ${role}`);
    return i;
  };
  const enc = spec.encoding;
  const labelCols = enc.kind === "binary" ? enc.columns.map((c) => col(c.column, `label ${c.label}`)) : [col(enc.column, "labels")];
  const imageCol = col(spec.roles.image, "image id");
  const patientCol = col(spec.roles.patient, "patient id");
  const sexCol = col(spec.roles.sex, "sex");
  const ageCol = col(spec.roles.age, "age");
  const viewCol = col(spec.roles.view, "view");
  const splitCol = col(spec.roles.split, "split");
  if (missing.length > 0) {
    const hint = header.length === 1 ? " The header has only one column: is the delimiter right?" : "";
    throw new DataFileError(
      missing.map((m) => ({ file: options.file, line: 1, message: `${m} (the header has: ${header.join(", ")}).${hint}` })),
    );
  }
  const needed = Math.max(imageCol, patientCol, sexCol, ageCol, viewCol, splitCol, ...labelCols);

  const labelIndex = new Map<string, number>();
  const labels: string[] = [];
  const indexOfLabel = (raw: string): number => {
    const name = spec.aliases[raw] ?? raw;
    let i = labelIndex.get(name);
    if (i === undefined) {
      i = labels.length;
      labels.push(name);
      labelIndex.set(name, i);
    }
    return i;
  };
  if (enc.kind === "binary") enc.columns.forEach((c) => indexOfLabel(c.label));
  const binary = enc.kind === "binary";

  const images = new Map<string, ImageEntry>();
  let rowsRead = 0;
  for (const row of rows) {
    rowsRead += 1;
    const f = row.fields;
    if (f.length <= needed) {
      rowsSkipped += 1;
      report({ line: row.line, message: `row has ${f.length} fields, too few to reach every mapped column (skipped)` });
      continue;
    }
    if (f.length > header.length && f.slice(header.length).some((x) => x.trim() !== "")) {
      rowsFlagged += 1;
      report({ line: row.line, message: `row has ${f.length} fields but the header has ${header.length}: the extra values are ignored` });
    }
    const imageId = imageCol === -1 ? `#${row.line}` : f[imageCol]!.trim();
    if (imageId === "") {
      rowsSkipped += 1;
      report({ line: row.line, column: spec.roles.image, message: "blank image id (skipped)" });
      continue;
    }
    let entry = images.get(imageId);
    if (entry && !spec.rowsPerImage) {
      rowsSkipped += 1;
      report({ line: row.line, column: spec.roles.image, message: `image "${imageId}" appears again (skipped; declare rows per image if this is intended)` });
      continue;
    }
    if (!entry) {
      let age = UNKNOWN;
      if (ageCol !== -1) {
        const parsed = parseAge(f[ageCol]!);
        if (parsed.problem) {
          rowsFlagged += 1;
          report({ line: row.line, column: spec.roles.age, message: parsed.problem });
        }
        age = ageBucket(parsed.years);
      }
      entry = {
        labels: new Set(),
        states: binary ? new Int8Array(labelCols.length) : null,
        patient: patientCol === -1 ? null : f[patientCol]!.trim() || null,
        sex: sexCol === -1 ? UNKNOWN : normalizeSex(f[sexCol]!),
        age,
        view: viewCol === -1 ? UNKNOWN : f[viewCol]!.trim() || UNKNOWN,
        split: options.splitOf?.get(imageId) ?? (splitCol === -1 ? UNKNOWN : f[splitCol]!.trim() || UNKNOWN),
      };
      images.set(imageId, entry);
    }

    if (enc.kind === "delimited") {
      const raw = f[labelCols[0]!]!;
      for (const part of raw.split(enc.separator)) {
        const name = part.trim();
        if (name !== "") entry.labels.add(indexOfLabel(name));
      }
    } else if (enc.kind === "single") {
      const name = f[labelCols[0]!]!.trim();
      if (name !== "") entry.labels.add(indexOfLabel(name));
    } else {
      const states = entry.states!;
      labelCols.forEach((c, i) => {
        const v = f[c]!.trim();
        let state = STATE_OF.get(v);
        if (state === undefined) {
          rowsFlagged += 1;
          report({ line: row.line, column: enc.columns[i]!.column, message: `unexpected value "${v}" (expected 1, 0, -1 or blank): counted as blank` });
          state = BLANK;
        }
        if (state > states[i]!) states[i] = state;
        if (state === POSITIVE) entry.labels.add(i);
      });
    }
  }

  if (enc.kind !== "binary" && images.size > 0 && [...images.values()].every((e) => e.labels.size === 0)) {
    throw new DataFileError([
      { file: options.file, line: 2, columnName: enc.column, message: `the labels column "${enc.column}" is blank in every row` },
    ]);
  }
  if (spec.emptyLabel) {
    const empty = indexOfLabel(spec.emptyLabel);
    for (const entry of images.values()) if (entry.labels.size === 0) entry.labels.add(empty);
  }

  let states: RowsSummary["labelStates"] = null;
  if (binary) {
    states = labelCols.map(() => ({ positive: 0, negative: 0, uncertain: 0, blank: 0 }));
    for (const entry of images.values()) {
      entry.states!.forEach((state, i) => {
        const counts = states![i]!;
        if (state === POSITIVE) counts.positive += 1;
        else if (state === UNCERTAIN) counts.uncertain += 1;
        else if (state === NEGATIVE) counts.negative += 1;
        else counts.blank += 1;
      });
    }
  }
  return buildSummary(images, labels, spec, states, { rowsRead, rowsSkipped, rowsFlagged, problems });
}

function buildSummary(
  images: Map<string, ImageEntry>,
  labels: string[],
  spec: z.output<typeof metadataSpecSchema>,
  states: RowsSummary["labelStates"],
  counts: { rowsRead: number; rowsSkipped: number; rowsFlagged: number; problems: SummaryProblem[] },
): SummaryCore {
  const dimValues = { sex: new Set<string>(), view: new Set<string>(), split: new Set<string>() };
  for (const e of images.values()) {
    dimValues.sex.add(e.sex);
    dimValues.view.add(e.view);
    dimValues.split.add(e.split);
  }
  const byCount = (values: Set<string>, key: "sex" | "view" | "split") => {
    const n = new Map<string, number>();
    for (const e of images.values()) n.set(e[key], (n.get(e[key]) ?? 0) + 1);
    return [...values].sort((a, b) => (a === UNKNOWN ? 1 : b === UNKNOWN ? -1 : (n.get(b) ?? 0) - (n.get(a) ?? 0)));
  };
  const dims = {
    sex: byCount(dimValues.sex, "sex"),
    age: [...AGE_BUCKETS, UNKNOWN],
    view: byCount(dimValues.view, "view"),
    split: byCount(dimValues.split, "split"),
  };
  const dimIndex = {
    sex: new Map(dims.sex.map((v, i) => [v, i])),
    age: new Map(dims.age.map((v, i) => [v, i])),
    view: new Map(dims.view.map((v, i) => [v, i])),
    split: new Map(dims.split.map((v, i) => [v, i])),
  };

  const labelImages = labels.map(() => 0);
  const hasPatients = spec.roles.patient !== undefined;
  const labelPatientSets = labels.map(() => new Set<string>());
  const patients = new Set<string>();
  const patientSplits = new Map<string, Set<string>>();
  const labelSetIndex = new Map<string, number>();
  const labelSets: number[][] = [];
  const cube = new Map<string, [number, number, number, number, number, number]>();

  for (const e of images.values()) {
    const set = [...e.labels].sort((a, b) => a - b);
    const setKey = set.join(",");
    let s = labelSetIndex.get(setKey);
    if (s === undefined) {
      s = labelSets.length;
      labelSets.push(set);
      labelSetIndex.set(setKey, s);
    }
    for (const l of set) {
      labelImages[l]! += 1;
      if (e.patient) labelPatientSets[l]!.add(e.patient);
    }
    if (e.patient) {
      patients.add(e.patient);
      let splits = patientSplits.get(e.patient);
      if (!splits) patientSplits.set(e.patient, (splits = new Set()));
      splits.add(e.split);
    }
    const cell: [number, number, number, number, number, number] = [
      s,
      dimIndex.sex.get(e.sex)!,
      dimIndex.age.get(e.age)!,
      dimIndex.view.get(e.view)!,
      dimIndex.split.get(e.split)!,
      0,
    ];
    const key = cell.slice(0, 5).join(",");
    const existing = cube.get(key);
    if (existing) existing[5] += 1;
    else {
      cell[5] = 1;
      cube.set(key, cell);
    }
  }

  const splitPatients = dims.split.map(() => 0);
  let several = 0;
  for (const splits of patientSplits.values()) {
    for (const sp of splits) splitPatients[dimIndex.split.get(sp)!]! += 1;
    if (splits.size > 1) several += 1;
  }
  const knownSplits = dims.split.some((s) => s !== UNKNOWN);

  return {
    kind: "rows",
    dataset: spec.dataset,
    unit: spec.unit,
    labels,
    noFinding: spec.noFinding,
    images: images.size,
    patients: hasPatients ? patients.size : null,
    labelImages,
    labelPatients: hasPatients ? labelPatientSets.map((p) => p.size) : null,
    labelStates: states,
    dims,
    labelSets,
    cube: [...cube.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3] || a[4] - b[4]),
    splitPatients: hasPatients && knownSplits ? splitPatients : null,
    patientsInSeveralSplits: hasPatients && knownSplits ? several : null,
    ...counts,
  };
}
