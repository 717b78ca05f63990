import type { LabelSummary } from "@/lib/summary/model";
import { publishedBars } from "@/lib/summary/published-view";

/** What kind of label figures a dataset has here, from the strongest to none. */
export const FIGURE_KINDS = ["per-image file", "published table", "totals only", "none"] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

export interface DatasetFigures {
  kind: FigureKind;
  /** The largest labels, for the catalog's inline bar; empty without per-label figures. */
  top: { label: string; count: number }[];
  /** What `top` is a share of: the images (or unit) counted, when known. */
  total: number | null;
  unit: string | null;
}

const TOP = 3;

export function toDatasetFigures(summary: LabelSummary | null): DatasetFigures {
  if (!summary) return { kind: "none", top: [], total: null, unit: null };
  if (summary.kind === "rows") {
    const top = summary.labels
      .map((label, i) => ({ label, count: summary.labelImages[i]! }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
      .slice(0, TOP);
    return { kind: "per-image file", top, total: summary.images, unit: summary.unit };
  }
  const bars = publishedBars(summary);
  if (!bars) return { kind: "totals only", top: [], total: null, unit: summary.unit };
  return {
    kind: "published table",
    top: bars.bars.slice(0, TOP).map((b) => ({ label: b.label, count: b.count })),
    total: summary.totals[bars.split] ?? null,
    unit: summary.unit,
  };
}

/** How many datasets have each kind of figures: the coverage the README states and the tests hold. */
export function countFigureKinds(figures: DatasetFigures[]): Record<FigureKind, number> {
  const counts = Object.fromEntries(FIGURE_KINDS.map((k) => [k, 0])) as Record<FigureKind, number>;
  for (const f of figures) counts[f.kind] += 1;
  return counts;
}
