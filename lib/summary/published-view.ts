import { describeLabelSeries, type LabelBar } from "@/lib/summary/chart";
import type { PublishedSummary } from "@/lib/summary/model";

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
