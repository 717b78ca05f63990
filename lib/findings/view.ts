import { toCsv } from "@/lib/csv/export";
import {
  NOT_REPORTED_ACCESS,
  type FindingDatasetRow,
  type FindingSummary,
  type FindingTotals,
  type RowFilters,
  type UnitTotal,
} from "@/lib/findings/findings";
import { formatCount } from "@/lib/format";

export function formatUnitTotals(units: UnitTotal[], positive = true): string {
  return units.map((u) => `${formatCount(u.count)}${positive ? " positive" : ""} ${u.unit}`).join(" and ");
}

export function formatAccess(access: string): string {
  return access === NOT_REPORTED_ACCESS ? "not reported" : access;
}

/** "6 datasets, 24,812 positive images you can use commercially": the total line under the filters. */
export function describeTotals(t: FindingTotals, filters: RowFilters): string {
  const datasets = `${t.datasets} dataset${t.datasets === 1 ? "" : "s"}`;
  const figures = t.units.length > 0 ? formatUnitTotals(t.units) : "no positive count published";
  const qualifiers: string[] = [];
  const c = filters.commercial;
  if (c.length === 1 && c[0] === "yes") qualifiers.push("you can use commercially");
  else if (c.length > 0) qualifiers.push(`with commercial use ${c.join(" or ")}`);
  const a = filters.access;
  if (a.length === 1 && a[0] === "open") qualifiers.push("with open access");
  else if (a.length > 0) qualifiers.push(`with access ${a.map(formatAccess).join(" or ")}`);
  const without = t.datasets - t.withFigure;
  const rest = without > 0 ? ` (${without} of the ${t.datasets} label it without a figure)` : "";
  return `${datasets}, ${figures}${qualifiers.length > 0 ? ` ${qualifiers.join(", ")}` : ""}${rest}`;
}

/** The figure as the table shows it: the count, or why there is none. */
export function describePositives(r: FindingDatasetRow): string {
  return r.positives === null ? "labelled, no figure" : `${formatCount(r.positives)} ${r.unit}`;
}

export function describeLabels(r: FindingDatasetRow): string {
  return r.labels.map((l) => `${l.label} (${l.relation})`).join("; ");
}

export function toFindingRowsCsv(name: string, rows: FindingDatasetRow[]): string {
  return toCsv(rows, [
    { header: "finding", value: () => name },
    { header: "dataset", value: (r) => r.id },
    { header: "title", value: (r) => r.title },
    { header: "labels", value: describeLabels },
    { header: "positives", value: (r) => r.positives },
    { header: "unit", value: (r) => r.unit },
    { header: "prevalence", value: (r) => (r.prevalence === null ? null : Number(r.prevalence.toFixed(6))) },
    { header: "total", value: (r) => r.denominator },
    { header: "patients", value: (r) => r.patients },
    { header: "no figure because", value: (r) => r.reason },
    { header: "label source", value: (r) => r.labelSource },
    { header: "labelled by", value: (r) => r.labelling?.method ?? null },
    { header: "access", value: (r) => r.access },
    { header: "licence", value: (r) => r.license },
    { header: "commercial use", value: (r) => r.commercialUse },
    { header: "splits", value: (r) => r.splits.join("; ") || null },
    { header: "figure sources", value: (r) => r.figureSources.join("; ") || null },
  ]);
}

export function toFindingsCsv(findings: FindingSummary[]): string {
  return toCsv(findings, [
    { header: "id", value: (f) => f.id },
    { header: "finding", value: (f) => f.name },
    { header: "region", value: (f) => f.region },
    { header: "modalities", value: (f) => f.modalities.join("; ") },
    { header: "datasets", value: (f) => f.datasets },
    { header: "datasets with a figure", value: (f) => f.withFigure },
    { header: "positive images", value: (f) => f.images },
    {
      header: "positives in other units",
      value: (f) =>
        formatUnitTotals(
          f.totals.filter((u) => u.unit !== "images"),
          false,
        ) || null,
    },
    { header: "patients", value: (f) => f.patients },
    { header: "datasets with patients", value: (f) => f.patientDatasets },
  ]);
}
