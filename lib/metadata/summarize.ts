import { z } from "zod";
import { countNewlines, DataFileError } from "@/lib/csv/parse";
import { readCsvText } from "@/lib/csv/stream";
import { createBoxCounter, type BoxCounter } from "@/lib/metadata/boxes";
import { StringIndex } from "@/lib/metadata/string-index";
import {
  ageBucket,
  AGE_BUCKETS,
  binLabels,
  UNKNOWN,
  type RowsSummary,
  type SummaryAttribute,
  type SummaryGroup,
  type SummaryProblem,
} from "@/lib/summary/model";

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

/** A categorical column (anatomical site, scanner…) or a numeric one binned by the given edges (PSA, lesion size). */
const attributeSpecSchema = z.object({
  column: z.string(),
  /** The URL parameter is `a_<key>`; by default the column name in lowercase with _ for other characters. */
  key: z
    .string()
    .regex(/^[a-z0-9_]+$/)
    .optional(),
  name: z.string().optional(),
  /** Numeric: bin edges in ascending order; a value below the first edge is counted as unknown. */
  bins: z.array(z.number()).min(1).optional(),
  unit: z.string().optional(),
  /** Raw value → shown value, e.g. {"1": "yes"}. */
  values: z.record(z.string(), z.string()).default({}),
});
export type AttributeSpec = z.output<typeof attributeSpecSchema>;

const groupSpecSchema = z.object({ column: z.string(), name: z.string(), key: z.string().optional() });
export type GroupSpec = z.output<typeof groupSpecSchema>;

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
    /** Image width and height in pixels, to size boxes relative to their image. */
    width: z.string().optional(),
    height: z.string().optional(),
  }),
  attributes: z.array(attributeSpecSchema).default([]),
  /** Units images are grouped under besides patients, e.g. lesions: counted under their own name. */
  groups: z.array(groupSpecSchema).default([]),
  /** Raw split value → split name, e.g. {"1": "train", "0": "test"}. */
  splitValues: z.record(z.string(), z.string()).default({}),
  /** Boxes in the label file itself (one row per box, blank where an image has none). */
  boxes: z
    .object({ x: z.string(), y: z.string(), width: z.string(), height: z.string(), label: z.string().optional() })
    .optional(),
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

/** The columns a spec reads (its roles and label columns), each once, in a fixed order. */
export function specColumns(spec: z.output<typeof metadataSpecSchema>): string[] {
  const labels = spec.encoding.kind === "binary" ? spec.encoding.columns.map((c) => c.column) : [spec.encoding.column];
  const roles = Object.values(spec.roles).filter((c): c is string => c !== undefined);
  const boxes = spec.boxes ? [spec.boxes.x, spec.boxes.y, spec.boxes.width, spec.boxes.height] : [];
  const more = [...spec.attributes.map((a) => a.column), ...spec.groups.map((g) => g.column), ...boxes];
  return [...new Set([...roles, ...labels, ...more])];
}

export interface SummarizeOptions {
  file: string;
  /** Official split lists: the ids each split names. They override any split column. */
  splitLists?: readonly { split: string; ids: readonly string[] }[];
  maxProblems?: number;
  /** Force a delimiter; by default it is detected from the first lines. */
  delimiter?: string;
  /** About how many images the file holds, to size the per-image arrays once (grown when needed). */
  expectedImages?: number;
  /** What the numbers handed with the rows count: lines of text (CSV, the default) or data rows (Parquet). */
  locator?: "line" | "row";
}

export type SummaryCore = Omit<RowsSummary, "provenance"> & {
  rowsRead: number;
  rowsSkipped: number;
  rowsFlagged: number;
  problems: SummaryProblem[];
};

const AGE_DIM = [...AGE_BUCKETS, UNKNOWN];
const AGE_INDEX_UNKNOWN = AGE_DIM.length - 1;
const AGE_OF_YEARS = AGE_BUCKETS.map((_, bucket) => ({ bucket, problem: undefined }));
const AGE_100 = { bucket: AGE_BUCKETS.length - 1, problem: undefined };

/** Whole years written with 1 to 3 digits and nothing else (the usual case), or -1. */
function plainYears(s: string): number {
  const n = s.length;
  if (n === 0 || n > 3) return -1;
  let years = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    years = years * 10 + d;
  }
  return years;
}
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

type IntArray = Int32Array | Uint16Array | Uint8Array;

/** A growable column of small integers in a typed array. */
class IntColumn {
  data: IntArray;
  length = 0;
  private readonly max: number;

  constructor(
    private readonly kind: { new (n: number): IntArray; BYTES_PER_ELEMENT: number },
    capacity: number,
    private readonly overflow?: () => Error,
  ) {
    this.data = new kind(Math.max(16, capacity));
    this.max = kind === Int32Array ? 2 ** 31 - 1 : 2 ** (8 * kind.BYTES_PER_ELEMENT) - 1;
  }

  push(value: number) {
    if (value > this.max) throw this.overflow?.() ?? new RangeError(`value ${value} does not fit`);
    if (this.length === this.data.length) {
      const grown = new this.kind(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  values(): IntArray {
    return this.data.subarray(0, this.length);
  }
}

/** trim(), without the call for the usual value that has nothing to trim. */
function clean(s: string): string {
  return s.length > 0 && s.charCodeAt(0) > 32 && s.charCodeAt(s.length - 1) > 32 ? s : s.trim();
}

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
  return s === "" || s === "UNKNOWN" ? UNKNOWN : s;
}

/** Turns metadata CSV text into exact label figures. Pure: the same code runs in Node and in a Worker. */
export const BINARY_FILE = "this looks like a binary file, not CSV text (found NUL bytes)";
export const EMPTY_FILE = "the file is empty (expected a header row naming the columns, then one row per image)";

export function summarizeMetadata(text: string, specInput: MetadataSpec, options: SummarizeOptions): SummaryCore {
  const spec = metadataSpecSchema.parse(specInput);
  if (text.trim() === "") throw new DataFileError([{ file: options.file, line: 1, message: EMPTY_FILE }]);
  if (text.slice(0, 4096).includes("\u0000"))
    throw new DataFileError([{ file: options.file, line: 1, message: BINARY_FILE }]);
  let summarizer: Summarizer | null = null;
  const early: SummaryProblem[] = [];
  readCsvText(
    text,
    {
      onHeader: (header) =>
        (summarizer = createSummarizer(header, spec, { expectedImages: estimateRows(text), ...options }, early)),
      onRows: (rows, lines) => summarizer!.add(rows, lines),
      onProblem: (p) => (summarizer ? summarizer.problem(p) : early.push(p)),
    },
    { delimiter: options.delimiter },
  );
  return (summarizer as Summarizer | null)?.finish() ?? fail(options.file, EMPTY_FILE);
}

/** About how many rows a text holds, from the line breaks in its first 64 KB: sizes the summary's arrays once. */
export function estimateRows(text: string): number {
  const sample = Math.min(text.length, 64 * 1024);
  const lines = countNewlines(text.slice(0, sample)) + 1;
  return Math.ceil((lines * text.length * 1.05) / sample);
}

function fail(file: string, message: string): never {
  throw new DataFileError([{ file, line: 1, message }]);
}

export interface Summarizer {
  /** Feeds parsed rows; lines[i] is the line rows[i] starts on. Call as often as chunks arrive. */
  add(rows: string[][], lines: ArrayLike<number>): void;
  /** Problems met outside the rows (e.g. a broken quote reported by the parser). */
  problem(p: SummaryProblem): void;
  /** The file the next rows come from, named in their problems (when a summary reads several). */
  setSource(file: string): void;
  rowsRead(): number;
  /** The image an id names, or -1: for box files read after the labels. */
  imageOf(id: string): number;
  /** width × height of an image in pixels, when the file gives it. */
  imageArea(image: number): number | null;
  /** Boxes of another file (NIH's BBox list) are counted here, then returned with the summary. */
  boxCounter(): BoxCounter;
  finish(): SummaryCore;
}

/** `Site (anatom_site_general)` → `anatom_site_general` → a URL-safe key. */
export function attributeKey(a: { column: string; key?: string }): string {
  return (
    a.key ??
    (a.column
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "") ||
      "column")
  );
}

/** A numeric attribute's values: its bins named by their edges, then unknown (index bins.length); null if categorical. */
export function attributeBinNames(a: AttributeSpec): string[] | null {
  return a.bins ? [...binLabels(a.bins, a.unit), UNKNOWN] : null;
}

/**
 * The bins a numeric attribute shows, from its counts per bin (unknown last): bins keep their order,
 * and empty bins between used ones are kept so the histogram's gaps show.
 */
export function keptBins(counts: readonly number[]): number[] {
  const bins = counts.length - 1;
  let first = 0;
  while (first < bins && counts[first] === 0) first += 1;
  let last = bins - 1;
  while (last > first && counts[last] === 0) last -= 1;
  const kept: number[] = [];
  for (let i = first; i <= last; i++) kept.push(i);
  if (counts[bins]! > 0) kept.push(bins);
  return kept;
}

export function toSummaryAttribute(a: AttributeSpec, values: string[]): SummaryAttribute {
  return {
    key: attributeKey(a),
    name: a.name ?? a.column,
    column: a.column,
    kind: a.bins ? "numeric" : "category",
    values,
    edges: a.bins ?? null,
    unit: a.unit ?? null,
  };
}

export function toSummaryGroup(
  g: GroupSpec,
  counts: Pick<SummaryGroup, "total" | "imagesWithout" | "labelCounts" | "splitCounts" | "inSeveralSplits">,
): SummaryGroup {
  return { key: g.key ?? attributeKey(g), name: g.name, column: g.column, ...counts };
}

/** The summary built incrementally, so a file can be streamed in chunks of rows (Node or a Worker). */
export function createSummarizer(
  header: string[],
  spec: z.output<typeof metadataSpecSchema>,
  options: SummarizeOptions,
  initialProblems: SummaryProblem[] = [],
): Summarizer {
  const maxProblems = options.maxProblems ?? 20;
  const problems: SummaryProblem[] = [...initialProblems];
  let rowsSkipped = 0;
  let rowsFlagged = 0;
  let source: string | undefined;
  const locator = options.locator === "row" ? ({ locator: "row" } as const) : {};
  const report = (p: SummaryProblem) => {
    if (problems.length < maxProblems)
      problems.push({ ...(source && !p.file ? { file: source } : {}), ...p, ...locator });
  };

  const missing: string[] = [];
  const col = (name: string | undefined, role: string): number => {
    if (name === undefined) return -1;
    const i = header.indexOf(name);
    if (i === -1) missing.push(`no column "${name}" for the ${role}`);
    return i;
  };
  const enc = spec.encoding;
  const labelCols =
    enc.kind === "binary" ? enc.columns.map((c) => col(c.column, `label ${c.label}`)) : [col(enc.column, "labels")];
  const imageCol = col(spec.roles.image, "image id");
  const patientCol = col(spec.roles.patient, "patient id");
  const sexCol = col(spec.roles.sex, "sex");
  const ageCol = col(spec.roles.age, "age");
  const viewCol = col(spec.roles.view, "view");
  const splitCol = col(spec.roles.split, "split");
  const widthCol = col(spec.roles.width, "image width");
  const heightCol = col(spec.roles.height, "image height");
  const attrCols = spec.attributes.map((a) => col(a.column, `attribute ${a.name ?? a.column}`));
  const groupCols = spec.groups.map((g) => col(g.column, g.name));
  const boxCols = spec.boxes
    ? [spec.boxes.x, spec.boxes.y, spec.boxes.width, spec.boxes.height].map((c) => col(c, "box"))
    : [];
  if (missing.length > 0) {
    const hint = header.length === 1 ? " The header has only one column: is the delimiter right?" : "";
    throw new DataFileError(
      missing.map((m) => ({
        file: options.file,
        line: 1,
        message: `${m} (the header has: ${header.join(", ")}).${hint}`,
      })),
    );
  }
  const needed = Math.max(
    imageCol,
    patientCol,
    sexCol,
    ageCol,
    viewCol,
    splitCol,
    widthCol,
    heightCol,
    ...labelCols,
    ...attrCols,
    ...groupCols,
    ...boxCols,
  );
  const binary = enc.kind === "binary";
  const labelCount = () => labels.length;

  // Everything is interned to small integers as it is read: values repeat, so each distinct
  // string is parsed once, and the per-image state lives in flat number arrays. Neighbouring rows
  // often repeat a value (runs of one view, one sex), so the last value is checked before the map:
  // comparing two short strings is cheaper than hashing one.
  const interner = () => {
    const values: string[] = [];
    const index = new Map<string, number>();
    let last: string | null = null;
    let lastIndex = -1;
    const get = (v: string): number => {
      if (v === last) return lastIndex;
      let i = index.get(v);
      if (i === undefined) {
        i = values.length;
        index.set(v, i);
        values.push(v);
      }
      last = v;
      lastIndex = i;
      return i;
    };
    return { values, get };
  };
  const labelNames = interner();
  const labels = labelNames.values;
  const indexOfLabel = (raw: string): number => labelNames.get(spec.aliases[raw] ?? raw);
  if (binary) enc.columns.forEach((c) => indexOfLabel(c.label));

  const labelSets: number[][] = [];
  const setKeys = interner();
  const internSet = (set: number[]): number => {
    const i = setKeys.get(set.join(","));
    if (i === labelSets.length) labelSets.push(set);
    return i;
  };

  // Each distinct labels cell is split and looked up once; after that it is a number.
  const cells = new StringIndex(256);
  const setOfCell: number[] = [];
  const setForCell = (raw: string): number => {
    const cell = cells.intern(raw);
    if (cell < setOfCell.length) return setOfCell[cell]!;
    const found = new Set<number>();
    if (enc.kind === "delimited") {
      for (const part of raw.split(enc.separator)) {
        const name = part.trim();
        if (name !== "") found.add(indexOfLabel(name));
      }
    } else {
      const name = raw.trim();
      if (name !== "") found.add(indexOfLabel(name));
    }
    return (setOfCell[cell] = internSet([...found].sort((a, b) => a - b)));
  };
  const union = (a: number, b: number): number =>
    a === b ? a : internSet([...new Set([...labelSets[a]!, ...labelSets[b]!])].sort((x, y) => x - y));

  const sexes = interner();
  const views = interner();
  const splits = interner();
  const patientIds = new StringIndex(options.expectedImages);
  let lastPatient: string | null = null;
  let lastPatientIndex = -1;
  const sexOfRaw = new Map<string, number>();
  const ageOfRaw = new Map<string, { bucket: number; problem?: string }>();

  // Image ids, each numbered once, with the image it became (-1 before its first row).
  const imageIds = new StringIndex(options.expectedImages);
  const imageOfId = new IntColumn(Int32Array, options.expectedImages ?? 1024);
  // Per-image state in typed arrays sized from the expected image count: a fraction of the memory of
  // plain arrays, which matters for the 100 MB files a browser tab is asked to read.
  const capacity = options.expectedImages ?? 1024;
  const tooMany = (role: string) =>
    new DataFileError([
      {
        file: options.file,
        line: 1,
        message: `the ${role} column has over 65,535 different values: is it really the ${role}?`,
      },
    ]);
  const imgSet = new IntColumn(Int32Array, capacity);
  const imgSex = new IntColumn(Uint16Array, capacity, () => tooMany("sex"));
  const imgAge = new IntColumn(Uint8Array, capacity);
  const imgView = new IntColumn(Uint16Array, capacity, () => tooMany("view"));
  const imgSplit = new IntColumn(Uint16Array, capacity, () => tooMany("split"));
  const imgPatient = new IntColumn(Int32Array, capacity);
  const imgStates: number[] = []; // binary: image * columns + column, the strongest state seen
  // Declared attributes: a value index per image. Numeric ones are binned as they are read.
  const attrs = spec.attributes.map((a, k) => {
    const values = interner();
    const edges = a.bins ?? null;
    const names = attributeBinNames(a);
    if (names) names.forEach((n) => values.get(n));
    const unknown = names ? names.length - 1 : -1;
    const ofRaw = new Map<string, number>();
    const read = (raw: string): number => {
      let v = ofRaw.get(raw);
      if (v !== undefined) return v;
      const shown = a.values[raw.trim()] ?? raw.trim();
      if (edges) {
        const n = shown === "" ? Number.NaN : Number(shown);
        if (!Number.isFinite(n) || n < edges[0]!) v = unknown;
        else {
          let bin = edges.length - 1;
          while (n < edges[bin]!) bin -= 1;
          v = bin;
        }
      } else v = values.get(shown === "" ? UNKNOWN : shown);
      ofRaw.set(raw, v);
      return v;
    };
    return {
      spec: a,
      col: attrCols[k]!,
      values,
      numeric: names !== null,
      read,
      of: new IntColumn(Uint16Array, capacity, () => tooMany(a.name ?? a.column)),
      problemFor: (raw: string) =>
        edges && raw.trim() !== "" && !Number.isFinite(Number(a.values[raw.trim()] ?? raw.trim()))
          ? `unreadable number "${raw.trim()}" for ${a.name ?? a.column}: counted as unknown`
          : null,
    };
  });
  const groups = spec.groups.map((g, k) => ({
    spec: g,
    col: groupCols[k]!,
    ids: new StringIndex(capacity),
    of: new IntColumn(Int32Array, capacity),
  }));
  const areas: number[] = [];
  const sized = widthCol !== -1 && heightCol !== -1;
  const boxes = createBoxCounter();
  const inFileBoxes = spec.boxes;
  const columns = labelCols.length;

  // Hot loop: 100k+ rows. Values that cannot vary (an unmapped role) are resolved once, outside it.
  const fixedSex = sexCol === -1 ? sexes.get(UNKNOWN) : -1;
  const fixedView = viewCol === -1 ? views.get(UNKNOWN) : -1;
  const fixedSplit = splitCol === -1 ? splits.get(UNKNOWN) : -1;
  const headerLength = header.length;
  const splitName = (raw: string): string => {
    const v = raw.trim();
    return spec.splitValues[v] ?? (v || UNKNOWN);
  };
  const rowsPerImage = spec.rowsPerImage;
  let rowsRead = 0;
  let lastCell: string | null = null;
  let lastCellSet = -1;
  const add = (rows: string[][], lines: ArrayLike<number>) => {
    for (let r = 0; r < rows.length; r++) {
      rowsRead += 1;
      const f = rows[r]!;
      if (f.length <= needed) {
        rowsSkipped += 1;
        report({
          line: lines[r]!,
          message: `row has ${f.length} fields, too few to reach every mapped column (skipped)`,
        });
        continue;
      }
      if (f.length > headerLength && f.slice(headerLength).some((x) => x.trim() !== "")) {
        rowsFlagged += 1;
        report({
          line: lines[r]!,
          message: `row has ${f.length} fields but the header has ${headerLength}: the extra values are ignored`,
        });
      }
      const imageId = imageCol === -1 ? `${source ?? ""}#${lines[r]!}` : clean(f[imageCol]!);
      if (imageId === "") {
        rowsSkipped += 1;
        report({ line: lines[r]!, column: spec.roles.image, message: "blank image id (skipped)" });
        continue;
      }

      let rowSet: number;
      if (binary) {
        const positives: number[] = [];
        for (let c = 0; c < columns; c++) {
          const v = f[labelCols[c]!]!.trim();
          const state = STATE_OF.get(v);
          if (state === undefined) {
            rowsFlagged += 1;
            report({
              line: lines[r]!,
              column: enc.columns[c]!.column,
              message: `unexpected value "${v}" (expected 1, 0, -1 or blank): counted as blank`,
            });
          } else if (state === POSITIVE) positives.push(c);
        }
        rowSet = internSet(positives);
      } else {
        const raw = f[labelCols[0]!]!;
        if (raw !== lastCell) {
          lastCell = raw;
          lastCellSet = setForCell(raw);
        }
        rowSet = lastCellSet;
      }

      const known = imageIds.size;
      const id = imageIds.intern(imageId);
      if (id === known) imageOfId.push(-1);
      const seen = imageOfId.data[id]!;
      if (seen !== -1 && !rowsPerImage) {
        rowsSkipped += 1;
        report({
          line: lines[r]!,
          column: spec.roles.image,
          message: `image "${imageId}" appears again (skipped; declare rows per image if this is intended)`,
        });
        continue;
      }
      const image = seen !== -1 ? seen : imgSet.length;
      if (seen !== -1) {
        imgSet.data[image] = union(imgSet.data[image]!, rowSet);
      } else {
        imageOfId.data[id] = image;
        imgSet.push(rowSet);
        if (fixedSex === -1) {
          const raw = f[sexCol]!;
          let sex = sexOfRaw.get(raw);
          if (sex === undefined) sexOfRaw.set(raw, (sex = sexes.get(normalizeSex(raw))));
          imgSex.push(sex);
        } else imgSex.push(fixedSex);
        if (ageCol !== -1) {
          const raw = f[ageCol]!;
          const years = plainYears(raw);
          let parsed =
            years !== -1 && years <= 120
              ? years >= 100
                ? AGE_100
                : AGE_OF_YEARS[(years / 5) | 0]!
              : ageOfRaw.get(raw);
          if (parsed === undefined) {
            const { years, problem } = parseAge(raw);
            ageOfRaw.set(raw, (parsed = { bucket: AGE_DIM.indexOf(ageBucket(years)), problem }));
          }
          if (parsed.problem) {
            rowsFlagged += 1;
            report({ line: lines[r]!, column: spec.roles.age, message: parsed.problem });
          }
          imgAge.push(parsed.bucket);
        } else imgAge.push(AGE_INDEX_UNKNOWN);
        imgView.push(fixedView === -1 ? views.get(clean(f[viewCol]!) || UNKNOWN) : fixedView);
        imgSplit.push(fixedSplit === -1 ? splits.get(splitName(f[splitCol]!)) : fixedSplit);
        if (patientCol === -1) imgPatient.push(-1);
        else {
          const patient = clean(f[patientCol]!);
          if (patient !== lastPatient) {
            lastPatient = patient;
            lastPatientIndex = patient === "" ? -1 : patientIds.intern(patient);
          }
          imgPatient.push(lastPatientIndex);
        }
        for (const a of attrs) {
          const raw = f[a.col]!;
          const v = a.read(raw);
          if (a.numeric) {
            const problem = a.problemFor(raw);
            if (problem) {
              rowsFlagged += 1;
              report({ line: lines[r]!, column: a.spec.column, message: problem });
            }
          }
          a.of.push(v);
        }
        for (const g of groups) {
          const id = clean(f[g.col]!);
          g.of.push(id === "" ? -1 : g.ids.intern(id));
        }
        if (sized) {
          const w = Number(f[widthCol]);
          const h = Number(f[heightCol]);
          areas.push(w > 0 && h > 0 ? w * h : Number.NaN);
        }
        if (binary) for (let c = 0; c < columns; c++) imgStates.push(BLANK);
      }
      if (inFileBoxes) {
        const [bx, by, bw, bh] = boxCols.map((c) => f[c]!.trim());
        if (bw !== "" || bh !== "") {
          const w = Number(bw);
          const h = Number(bh);
          const label = inFileBoxes.label ?? labels[labelSets[rowSet]![0] ?? -1];
          if (!(w > 0 && h > 0) || bx === "" || by === "" || label === undefined) {
            rowsFlagged += 1;
            boxes.unmatched();
            report({ line: lines[r]!, message: `unreadable box (${bx}, ${by}, ${bw}, ${bh}): not counted as a box` });
          } else boxes.add(label, image, w, h, sized ? areas[image]! || null : null);
        }
      }
      if (binary) {
        const base = image * columns;
        for (let c = 0; c < columns; c++) {
          const state = STATE_OF.get(f[labelCols[c]!]!.trim()) ?? BLANK;
          if (state > imgStates[base + c]!) imgStates[base + c] = state;
        }
      }
    }
  };

  const finish = (): SummaryCore => {
    if (rowsRead === 0) fail(options.file, "no data rows after the header");
    const images = imgSet.length;
    // Official split lists override the split column. They are matched once all ids are known: the
    // lists are usually sorted, as the ids are, so each lookup is mostly one comparison.
    for (const list of options.splitLists ?? []) {
      for (const id of list.ids) {
        const entry = imageIds.indexOf(id);
        if (entry !== -1 && imageOfId.data[entry] !== -1)
          imgSplit.data[imageOfId.data[entry]!] = splits.get(list.split);
      }
    }
    if (!binary && images > 0 && imgSet.values().every((s) => labelSets[s]!.length === 0)) {
      throw new DataFileError([
        {
          file: options.file,
          line: options.locator === "row" ? 1 : 2,
          ...locator,
          columnName: enc.column,
          message: `the labels column "${enc.column}" is blank in every row`,
        },
      ]);
    }
    if (spec.emptyLabel) {
      const empty = internSet([indexOfLabel(spec.emptyLabel)]);
      for (let i = 0; i < images; i++) if (labelSets[imgSet.data[i]!]!.length === 0) imgSet.data[i] = empty;
    }

    let labelStates: RowsSummary["labelStates"] = null;
    if (binary) {
      labelStates = labelCols.map(() => ({ positive: 0, negative: 0, uncertain: 0, blank: 0 }));
      for (let i = 0; i < imgStates.length; i++) {
        const counts = labelStates[i % columns]!;
        const state = imgStates[i]!;
        if (state === POSITIVE) counts.positive += 1;
        else if (state === UNCERTAIN) counts.uncertain += 1;
        else if (state === NEGATIVE) counts.negative += 1;
        else counts.blank += 1;
      }
    }

    // Dimension values in order of frequency, unknown last; then the cube, keyed by one integer.
    const order = (values: string[], of: ArrayLike<number>) => {
      const counts = new Array<number>(values.length).fill(0);
      for (let i = 0; i < of.length; i++) counts[of[i]!]! += 1;
      // A value no image kept (e.g. "unknown", before the split lists overrode it) is left out.
      const sorted = values
        .map((value, i) => ({ value, i, n: counts[i]! }))
        .filter((v) => v.n > 0)
        .sort((a, b) => (a.value === UNKNOWN ? 1 : b.value === UNKNOWN ? -1 : b.n - a.n));
      const remap = new Array<number>(values.length).fill(-1);
      sorted.forEach((s, to) => (remap[s.i] = to));
      return { values: sorted.map((s) => s.value), remap };
    };
    const attrOrder = attrs.map((a) => {
      if (!a.numeric) return order(a.values.values, a.of.values());
      const counts = new Array<number>(a.values.values.length).fill(0);
      for (const v of a.of.values()) counts[v]! += 1;
      const kept = keptBins(counts);
      const remap = new Array<number>(a.values.values.length).fill(-1);
      kept.forEach((i, to) => (remap[i] = to));
      return { values: kept.map((i) => a.values.values[i]!), remap };
    });
    const sex = order(sexes.values, imgSex.values());
    const view = order(views.values, imgView.values());
    const split = order(splits.values, imgSplit.values());
    const nSex = sex.values.length;
    const nAge = AGE_DIM.length;
    const nView = view.values.length;
    const nSplit = split.values.length;

    // One integer key per cube cell, in (label set, sex, age, view, split, ...attributes) order. Counted in a
    // typed array when the key space is small enough (it is for most real files), else in a map.
    const sizes = [labelSets.length, nSex, nAge, nView, nSplit, ...attrOrder.map((a) => a.values.length)];
    const space = sizes.reduce((a, b) => a * b, 1);
    if (space > Number.MAX_SAFE_INTEGER)
      fail(options.file, "the declared attributes have too many combinations of values to count exactly");
    const dense = space <= 1 << 23 ? new Uint32Array(space) : null;
    const sparse = dense ? null : new Map<number, number>();
    const setCounts = new Array<number>(labelSets.length).fill(0);
    // Patients and other groups, in the same pass: which labels and splits each has (a bit per split).
    const L = labelCount();
    const hasPatients = patientCol !== -1;
    const P = patientIds.size;
    const seen = new Uint8Array(hasPatients ? L * P : 0);
    const splitMask = new Int32Array(hasPatients ? P : 0);
    const labelPatients = hasPatients ? new Array<number>(L).fill(0) : null;
    const groupState = groups.map((g) => ({
      seen: new Uint8Array(L * g.ids.size),
      mask: new Int32Array(g.ids.size),
      labelCounts: new Array<number>(L).fill(0),
      without: 0,
    }));
    for (let i = 0; i < images; i++) {
      const set = imgSet.data[i]!;
      const splitIndex = split.remap[imgSplit.data[i]!]!;
      let key =
        (((set * nSex + sex.remap[imgSex.data[i]!]!) * nAge + imgAge.data[i]!) * nView +
          view.remap[imgView.data[i]!]!) *
          nSplit +
        splitIndex;
      for (let k = 0; k < attrs.length; k++) key = key * sizes[5 + k]! + attrOrder[k]!.remap[attrs[k]!.of.data[i]!]!;
      if (dense) dense[key]! += 1;
      else sparse!.set(key, (sparse!.get(key) ?? 0) + 1);
      setCounts[set]! += 1;
      for (let k = 0; k < groups.length; k++) {
        const g = groups[k]!.of.data[i]!;
        const state = groupState[k]!;
        if (g === -1) {
          state.without += 1;
          continue;
        }
        const G = groups[k]!.ids.size;
        state.mask[g] = state.mask[g]! | (1 << splitIndex);
        for (const l of labelSets[set]!) {
          if (state.seen[l * G + g] === 0) {
            state.seen[l * G + g] = 1;
            state.labelCounts[l]! += 1;
          }
        }
      }
      const patient = labelPatients ? imgPatient.data[i]! : -1;
      if (patient === -1) continue;
      splitMask[patient] = splitMask[patient]! | (1 << splitIndex);
      for (const l of labelSets[set]!) {
        if (seen[l * P + patient] === 0) {
          seen[l * P + patient] = 1;
          labelPatients![l]! += 1;
        }
      }
    }
    const cells: [number, number][] = [];
    if (dense) {
      for (let key = 0; key < space; key++) if (dense[key]! > 0) cells.push([key, dense[key]!]);
    } else {
      cells.push(...[...sparse!].sort((a, b) => a[0] - b[0]));
    }
    const cube: RowsSummary["cube"] = cells.map(([key, n]) => {
      const cell = new Array<number>(sizes.length + 1);
      cell[sizes.length] = n;
      let k = key;
      for (let d = sizes.length - 1; d >= 0; d--) {
        const v = k % sizes[d]!;
        cell[d] = v;
        k = (k - v) / sizes[d]!;
      }
      return cell;
    });

    const labelImages = new Array<number>(L).fill(0);
    setCounts.forEach((n, s) => {
      for (const l of labelSets[s]!) labelImages[l]! += n;
    });

    const splitsKnown = split.values.some((s) => s !== UNKNOWN);
    const perSplit = (masks: Int32Array) => {
      const counts = new Array<number>(nSplit).fill(0);
      let several = 0;
      for (const mask of masks) {
        let bits = 0;
        for (let s = 0; s < nSplit; s++)
          if (mask & (1 << s)) {
            counts[s]! += 1;
            bits += 1;
          }
        if (bits > 1) several += 1;
      }
      return { counts, several };
    };
    const groupSummaries: SummaryGroup[] = groups.map((g, k) => {
      const state = groupState[k]!;
      const bySplit = splitsKnown ? perSplit(state.mask) : null;
      return toSummaryGroup(g.spec, {
        total: g.ids.size,
        imagesWithout: state.without,
        labelCounts: state.labelCounts,
        splitCounts: bySplit?.counts ?? null,
        inSeveralSplits: bySplit?.several ?? null,
      });
    });
    const attributeSummaries = attrs.map((a, k) => toSummaryAttribute(a.spec, attrOrder[k]!.values));

    let splitPatients: number[] | null = null;
    let patientsInSeveralSplits: number | null = null;
    if (hasPatients && split.values.some((s) => s !== UNKNOWN)) {
      splitPatients = new Array<number>(nSplit).fill(0);
      patientsInSeveralSplits = 0;
      for (const mask of splitMask) {
        let bits = 0;
        for (let s = 0; s < nSplit; s++)
          if (mask & (1 << s)) {
            splitPatients[s]! += 1;
            bits += 1;
          }
        if (bits > 1) patientsInSeveralSplits += 1;
      }
    }

    return {
      kind: "rows",
      dataset: spec.dataset,
      unit: spec.unit,
      labels,
      noFinding: spec.noFinding,
      images,
      patients: hasPatients ? P : null,
      labelImages,
      labelPatients,
      labelStates,
      dims: { sex: sex.values, age: [...AGE_DIM], view: view.values, split: split.values },
      attributes: attributeSummaries,
      groups: groupSummaries,
      boxes: inFileBoxes ? boxes.finish(options.file) : null,
      labelSets,
      cube,
      splitPatients,
      patientsInSeveralSplits,
      rowsRead,
      rowsSkipped,
      rowsFlagged,
      problems,
    };
  };

  return {
    add,
    finish,
    problem: report,
    rowsRead: () => rowsRead,
    imageOf: (id: string) => {
      const entry = imageIds.indexOf(id);
      return entry === -1 ? -1 : imageOfId.data[entry]!;
    },
    imageArea: (image: number) => (sized ? areas[image]! || null : null),
    boxCounter: () => boxes,
    setSource: (file: string) => {
      source = file;
    },
  };
}
