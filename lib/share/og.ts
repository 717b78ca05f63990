import type { Comparison } from "@/lib/compare/compare";
import type { FindingDatasetRow, FindingSummary } from "@/lib/findings/findings";
import { describePositives } from "@/lib/findings/view";
import { formatCount } from "@/lib/format";
import type { LabelSummary } from "@/lib/summary/model";
import { computeLabelView, isFiltered, NO_FILTERS, type LabelFilters } from "@/lib/summary/view";
import { publishedBars } from "@/lib/summary/published-view";

export interface PreviewBar {
  label: string;
  value: number;
  text: string;
}

export interface Preview {
  title: string;
  subtitle: string;
  bars: PreviewBar[];
}

/** The label chart of a dataset view, reduced to what a link preview can show (the 10 largest labels). */
export function datasetPreview(
  title: string,
  summary: LabelSummary | null,
  filters: LabelFilters | null,
  describe: string,
): Preview {
  if (!summary) return { title, subtitle: "No label figures in the catalog yet", bars: [] };
  if (summary.kind === "published") {
    const chart = publishedBars(summary);
    return {
      title,
      subtitle: "Published per-label counts",
      bars: (chart?.bars ?? [])
        .slice(0, 10)
        .map((b) => ({ label: b.label, value: b.count, text: formatCount(b.count) })),
    };
  }
  const view = computeLabelView(summary, filters ?? NO_FILTERS);
  const bars = [...view.labels].sort((a, b) => b.images - a.images).slice(0, 10);
  return {
    title,
    subtitle: `${formatCount(view.images)} ${summary.unit}${filters && isFiltered(filters) ? `: ${describe}` : ""}`,
    bars: bars.map((l) => ({
      label: l.label,
      value: l.images,
      text: `${formatCount(l.images)} (${(l.share * 100).toFixed(1)} %)`,
    })),
  };
}

export function comparisonPreview(c: Comparison): Preview {
  const rows = c.rows.slice(0, 8);
  return {
    title: `Compare: ${c.columns.map((col) => col.title).join(" · ")}`,
    subtitle: `Prevalence per finding, % of ${c.level}`,
    bars: rows.map((r) => {
      const shares = r.cells.map((cell) =>
        cell.status === "counted" && cell.share !== null
          ? `${(cell.share * 100).toFixed(1)}%`
          : cell.status === "not-labelled"
            ? "n/l"
            : "–",
      );
      const top = Math.max(
        0,
        ...r.cells.map((cell) => (cell.status === "counted" && cell.share !== null ? cell.share : 0)),
      );
      return { label: r.finding, value: top, text: shares.join(" · ") };
    }),
  };
}

/** A finding's datasets by prevalence (the 10 highest), with the total line as subtitle. */
export function findingPreview(name: string, rows: FindingDatasetRow[], total: string): Preview {
  const ranked = [...rows].sort((a, b) => (b.prevalence ?? -1) - (a.prevalence ?? -1)).slice(0, 10);
  return {
    title: name,
    subtitle: total,
    bars: ranked.map((r) => ({
      label: r.title,
      value: r.prevalence ?? 0,
      text:
        r.prevalence === null ? describePositives(r) : `${describePositives(r)} (${(r.prevalence * 100).toFixed(1)} %)`,
    })),
  };
}

/** The findings index: the findings with the most positive images. */
export function findingsPreview(findings: FindingSummary[]): Preview {
  const top = [...findings].sort((a, b) => b.images - a.images).slice(0, 8);
  return {
    title: "Findings",
    subtitle: `${findings.length} findings across the catalog's datasets`,
    bars: top.map((f) => ({
      label: f.name,
      value: f.images,
      text: `${formatCount(f.images)} images · ${f.datasets} dataset${f.datasets === 1 ? "" : "s"}`,
    })),
  };
}
