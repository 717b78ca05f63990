/** Age buckets of 5 years; ages are whole years after parsing 058Y / 6M / 20D forms. */
export const AGE_BUCKETS = [...Array.from({ length: 20 }, (_, i) => `${i * 5}-${i * 5 + 4}`), "100+"] as const;
export const UNKNOWN = "unknown";

export function ageBucket(years: number | null): string {
  if (years === null) return UNKNOWN;
  return years >= 100 ? "100+" : AGE_BUCKETS[Math.floor(years / 5)]!;
}

/** "0–<4 ng/mL" style names for numeric bins (attributes, box sizes); the last bin is open. */
export function binLabels(edges: number[], unit?: string): string[] {
  const u = unit ? ` ${unit}` : "";
  return edges.map((e, i) => (i === edges.length - 1 ? `≥ ${e}${u}` : `${e}–<${edges[i + 1]}${u}`));
}

export type {
  LabelSummary,
  PublishedSummary,
  RowsSummary,
  SummaryAttribute,
  SummaryBoxes,
  SummaryGroup,
  SummaryProblem,
} from "@/lib/summary/schema";

/** Cube cells hold [labelSet, sex, age, view, split, ...attributes, images]. */
export const CUBE_FIXED_DIMS = 5;
