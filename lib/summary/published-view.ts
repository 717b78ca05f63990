import { describeLabelSeries, type LabelBar } from "@/lib/summary/chart";
import type { PublishedSummary, RowsSummary } from "@/lib/summary/model";

/**
 * Bars for a published table: the whole-dataset figures when published, else the first split that
 * has a count for every label. Percentages only where the source gives the total.
 */
export function publishedBars(
  summary: PublishedSummary,
): { split: string; bars: LabelBar[]; description: string } | null {
  const order = summary.splits.includes("") ? ["", ...summary.splits.filter((s) => s !== "")] : summary.splits;
  const split = order.find(
    (s) => summary.labels.length > 0 && summary.labels.every((l) => typeof summary.counts[s]?.[l] === "number"),
  );
  if (split === undefined) return null;
  const total = summary.totals[split] ?? null;
  const bars = summary.labels
    .map((label) => {
      const count = summary.counts[split]![label]!;
      const percent = total ? (count / total) * 100 : 0;
      return { label, value: count, count, percent, isNoFinding: false };
    })
    .sort((a, b) => b.count - a.count);
  const description = total
    ? describeLabelSeries({ ok: true, bars, denominator: total, unit: summary.unit })
    : `${bars.length} labels; the source gives no total, so no percentages are shown. Most frequent: ${bars[0]!.label}.`;
  return { split, bars, description };
}

export interface PublishedComparisonRow {
  label: string;
  split: string;
  published: number | null;
  /** The same-named figure computed from the file; null where the file has no such label. */
  computed: number | null;
  /** true equal, false different, null where one side is missing. */
  agrees: boolean | null;
}

/**
 * A published table beside the figures computed from the file, row by row (same label names), with
 * the totals. Differences are shown, never hidden: a file can be a later version than the paper.
 */
export function comparePublished(computed: RowsSummary, published: PublishedSummary): PublishedComparisonRow[] {
  const ofLabel = new Map(computed.labels.map((l, i) => [l, computed.labelImages[i]!]));
  const rows: PublishedComparisonRow[] = [];
  for (const split of published.splits) {
    const file = split === "" ? null : undefined; // per-split published figures are shown as published only
    for (const label of published.labels) {
      const value = published.counts[split]?.[label];
      if (value === undefined) continue;
      const mine = file === null ? (ofLabel.get(label) ?? null) : null;
      rows.push({ label, split, published: value, computed: mine, agrees: agreement(value, mine) });
    }
    if (split in published.totals) {
      const mine = file === null ? computed.images : null;
      const value = published.totals[split] ?? null;
      rows.push({
        label: `all ${computed.unit}`,
        split,
        published: value,
        computed: mine,
        agrees: agreement(value, mine),
      });
    }
    const patients = published.totalPatients[split];
    if (patients !== undefined && patients !== null) {
      const mine = file === null ? computed.patients : null;
      rows.push({ label: "patients", split, published: patients, computed: mine, agrees: agreement(patients, mine) });
    }
  }
  return rows;
}

function agreement(a: number | null, b: number | null): boolean | null {
  return a === null || b === null ? null : a === b;
}
