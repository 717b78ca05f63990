import { z } from "zod";

const problemSchema = z.object({
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
  generated: z.string(),
});

const labelStateSchema = z.object({
  positive: z.number(),
  negative: z.number(),
  uncertain: z.number(),
  blank: z.number(),
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
  labelSets: z.array(z.array(z.number())),
  /** [labelSet, sex, age, view, split, images]: every image falls in exactly one cell. */
  cube: z.array(z.tuple([z.number(), z.number(), z.number(), z.number(), z.number(), z.number()])),
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
  sources: z.array(z.string()),
  notes: z.array(z.string()),
});

export const labelSummarySchema = z.discriminatedUnion("kind", [rowsSummarySchema, publishedSummarySchema]);
export type RowsSummary = z.output<typeof rowsSummarySchema>;
export type PublishedSummary = z.output<typeof publishedSummarySchema>;
export type LabelSummary = z.output<typeof labelSummarySchema>;
export type SummaryProblem = z.output<typeof problemSchema>;
