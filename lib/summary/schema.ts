import { z } from "zod";

const problemSchema = z.object({
  /** Which file, when a summary is read from several. */
  file: z.string().optional(),
  line: z.number(),
  /** What `line` counts: a line of text (CSV, the default) or a data row (Parquet). */
  locator: z.enum(["line", "row"]).optional(),
  column: z.string().optional(),
  message: z.string(),
});

const provenanceSchema = z.object({
  source: z.string(),
  sourceUrl: z.string().nullable(),
  files: z.array(z.object({ name: z.string(), sha256: z.string().nullable(), rows: z.number().nullable() })),
  labelFileVersion: z.string().nullable(),
  rowsRead: z.number().nullable(),
  rowsSkipped: z.number().nullable(),
  rowsFlagged: z.number().nullable(),
  problems: z.array(problemSchema),
  /** How this file differs from the paper, known duplicates, version notes: shown with the figures. */
  notes: z.array(z.string()).default([]),
  /** What computed the figures when it was not the JS loader, e.g. "duckdb 1.5.6". */
  engine: z.string().optional(),
  generated: z.string(),
});

const labelStateSchema = z.object({
  positive: z.number(),
  negative: z.number(),
  uncertain: z.number(),
  blank: z.number(),
});

/** A declared column beyond sex, age, view and split: a breakdown chart, a filter and a URL parameter. */
const attributeSchema = z.object({
  /** URL-safe id: the dataset page's parameter is `a_<key>`. */
  key: z.string().regex(/^[a-z0-9_]+$/),
  name: z.string(),
  column: z.string(),
  kind: z.enum(["category", "numeric"]),
  /** Category values by frequency, or numeric bins in order; "unknown" last when present. */
  values: z.array(z.string()),
  /** Numeric columns: bin edges, each bin [edge_i, edge_i+1); the last bin is open. */
  edges: z.array(z.number()).nullable(),
  unit: z.string().nullable(),
});

/** A unit images are grouped under other than patients (lesions, studies, cases), counted under its own name. */
const groupSchema = z.object({
  key: z.string(),
  /** Plural, as shown: "lesions". */
  name: z.string(),
  column: z.string(),
  total: z.number(),
  /** Images without a value in the column: they belong to no group. */
  imagesWithout: z.number(),
  labelCounts: z.array(z.number()),
  splitCounts: z.array(z.number()).nullable(),
  inSeveralSplits: z.number().nullable(),
});

const histogramSchema = z.object({ edges: z.array(z.number()), counts: z.array(z.number()) });

/** Bounding boxes (one row per box): per label, per image and their sizes. Whole dataset; not filtered. */
const boxesSchema = z.object({
  file: z.string(),
  total: z.number(),
  images: z.number(),
  labels: z.array(z.object({ label: z.string(), boxes: z.number(), images: z.number() })),
  /** Images with k boxes, for k = 1, 2, … */
  perImage: z.array(z.object({ boxes: z.number(), images: z.number() })),
  /** Boxes by the square root of their area, in pixels. */
  sizePixels: histogramSchema,
  /** Boxes by their area as a percentage of the image's area, where the image size is known. */
  sizeRelative: histogramSchema.nullable(),
  /** Boxes whose image is not in the label file, or whose size could not be read. */
  unmatched: z.number(),
});

/** Summary computed from per-image rows: exact counts, and a cube of image counts for filtering. */
export const rowsSummarySchema = z.object({
  kind: z.literal("rows"),
  dataset: z.string(),
  unit: z.string(),
  provenance: provenanceSchema,
  labels: z.array(z.string()),
  noFinding: z.string().nullable(),
  images: z.number(),
  patients: z.number().nullable(),
  labelImages: z.array(z.number()),
  labelPatients: z.array(z.number()).nullable(),
  /** CheXpert-style encodings keep uncertain and blank as their own states, per label. */
  labelStates: z.array(labelStateSchema).nullable(),
  dims: z.object({
    sex: z.array(z.string()),
    age: z.array(z.string()),
    view: z.array(z.string()),
    split: z.array(z.string()),
  }),
  attributes: z.array(attributeSchema).default([]),
  groups: z.array(groupSchema).default([]),
  boxes: boxesSchema.nullable().default(null),
  labelSets: z.array(z.array(z.number())),
  /** [labelSet, sex, age, view, split, ...attributes, images]: every image falls in exactly one cell. */
  cube: z.array(z.array(z.number())),
  splitPatients: z.array(z.number()).nullable(),
  patientsInSeveralSplits: z.number().nullable(),
});

/** Summary copied from a dataset's paper or page: per-label counts, maybe per split. */
export const publishedSummarySchema = z.object({
  kind: z.literal("published"),
  dataset: z.string(),
  unit: z.string(),
  provenance: provenanceSchema,
  labels: z.array(z.string()),
  splits: z.array(z.string()),
  /** counts[split][label]; null where the source gives no figure. Split "" is the whole dataset. */
  counts: z.record(z.string(), z.record(z.string(), z.number().nullable())),
  patients: z.record(z.string(), z.record(z.string(), z.number().nullable())),
  totals: z.record(z.string(), z.number().nullable()),
  totalPatients: z.record(z.string(), z.number().nullable()),
  /** Counts published for other label states than positive (uncertain, negative, labeller disagreement). */
  states: z
    .array(z.object({ label: z.string(), split: z.string(), state: z.string(), count: z.number().nullable() }))
    .default([]),
  sources: z.array(z.string()),
  notes: z.array(z.string()),
});

export const labelSummarySchema = z.discriminatedUnion("kind", [rowsSummarySchema, publishedSummarySchema]);
export type RowsSummary = z.output<typeof rowsSummarySchema>;
export type PublishedSummary = z.output<typeof publishedSummarySchema>;
export type LabelSummary = z.output<typeof labelSummarySchema>;
export type SummaryProblem = z.output<typeof problemSchema>;
export type SummaryAttribute = z.output<typeof attributeSchema>;
export type SummaryGroup = z.output<typeof groupSchema>;
export type SummaryBoxes = z.output<typeof boxesSchema>;
