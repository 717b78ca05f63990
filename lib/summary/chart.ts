import { formatCount, formatPercent } from "@/lib/format";
import type { LabelView } from "@/lib/summary/view";

export interface LabelChartOptions {
  metric: "count" | "percent";
  level: "images" | "patients";
  order: "count" | "name";
}

export interface LabelBar {
  label: string;
  /** What the bar shows: a count, or a percentage (0–100). */
  value: number;
  count: number;
  percent: number;
  isNoFinding: boolean;
}

export type LabelSeries =
  { ok: true; bars: LabelBar[]; denominator: number; unit: string } | { ok: false; reason: string };

/** Bars for the label chart, or why the requested figures cannot be shown exactly. */
export function toLabelSeries(view: LabelView, options: LabelChartOptions, unit: string): LabelSeries {
  if (options.level === "patients") {
    if (view.patients === null) {
      return {
        ok: false,
        reason: view.filtered
          ? "Patient counts are exact only for the whole dataset: a patient's images can fall on both sides of a filter. Clear the filters, or count images."
          : "This dataset's metadata has no patient id, so patients cannot be counted.",
      };
    }
  }
  const denominator = options.level === "patients" ? view.patients! : view.images;
  const bars = view.labels.map((l) => {
    const count = options.level === "patients" ? l.patients! : l.images;
    const percent = denominator === 0 ? 0 : (count / denominator) * 100;
    return {
      label: l.label,
      value: options.metric === "percent" ? percent : count,
      count,
      percent,
      isNoFinding: l.isNoFinding,
    };
  });
  bars.sort((a, b) =>
    options.order === "name" ? a.label.localeCompare(b.label) : b.count - a.count || a.label.localeCompare(b.label),
  );
  return { ok: true, bars, denominator, unit: options.level === "patients" ? "patients" : unit };
}

/** One sentence for screen readers and the page: the biggest labels and the imbalance. */
export function describeLabelSeries(series: Extract<LabelSeries, { ok: true }>): string {
  const byCount = [...series.bars].sort((a, b) => b.count - a.count);
  const findings = byCount.filter((b) => !b.isNoFinding && b.count > 0);
  const noFinding = byCount.find((b) => b.isNoFinding);
  const parts = [`${formatCount(series.denominator)} ${series.unit} in view.`];
  if (noFinding)
    parts.push(`${noFinding.label}: ${formatCount(noFinding.count)} (${formatPercent(noFinding.percent / 100)}).`);
  if (findings.length > 0) {
    const top = findings[0]!;
    const last = findings[findings.length - 1]!;
    parts.push(`Most frequent label: ${top.label}, ${formatCount(top.count)} (${formatPercent(top.percent / 100)}).`);
    if (findings.length > 1) {
      parts.push(
        `Least frequent: ${last.label}, ${formatCount(last.count)} (${formatPercent(last.percent / 100)}); the most frequent has ${(top.count / last.count).toFixed(1)} times as many.`,
      );
    }
  }
  return parts.join(" ");
}
