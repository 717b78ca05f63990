import { toCsv } from "@/lib/csv/export";
import type { CompareCell, Comparison } from "@/lib/compare/compare";
import { formatCount, formatPercent } from "@/lib/format";

export function describeCell(cell: CompareCell, metric: "percent" | "count"): string {
  if (cell.status === "not-labelled") return "not labelled";
  if (cell.status === "no-figure") return "labelled, no figure";
  if (metric === "count" || cell.share === null) return formatCount(cell.count);
  return formatPercent(cell.share);
}

/** The comparison table as CSV: counts, shares, the original labels and their relation. */
export function toComparisonCsv(c: Comparison): string {
  type Row = Comparison["rows"][number];
  const columns = [
    { header: "finding", value: (r: Row) => r.finding },
    ...c.columns.flatMap((col, i) => [
      {
        header: `${col.id} ${c.level}`,
        value: (r: Row) => {
          const cell = r.cells[i]!;
          return cell.status === "counted" ? cell.count : cell.status === "not-labelled" ? "not labelled" : "no figure";
        },
      },
      {
        header: `${col.id} share`,
        value: (r: Row) => {
          const cell = r.cells[i]!;
          return cell.status === "counted" && cell.share !== null ? Number(cell.share.toFixed(6)) : null;
        },
      },
      {
        header: `${col.id} labels`,
        value: (r: Row) => {
          const cell = r.cells[i]!;
          return cell.status === "not-labelled"
            ? null
            : cell.labels.map((l) => `${l.label} (${l.relation})`).join("; ");
        },
      },
    ]),
  ];
  const totals = [`total ${c.level}`, ...c.columns.flatMap((col) => [col.denominator ?? "", "", ""])].join(",");
  return `${toCsv(c.rows, columns)}\r\n${totals}`;
}
