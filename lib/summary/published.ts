import { z } from "zod";
import type { PublishedSummary } from "@/lib/summary/model";
import { cell, parseRecords } from "@/lib/csv/records";

export const TOTAL_LABEL = "(total)";

export const publishedRowSchema = z.object({
  label: cell.text("a label"),
  count: cell.optionalCount(),
  patients: cell.optionalCount(),
  split: cell.optionalText(),
  source_url: cell.url(),
  note: cell.optionalText(),
});

/** (e) A published summary table (label, count[, patients][, split]) as a label summary. */
export function parsePublishedSummary(text: string, file: string, dataset: string, unit: string): PublishedSummary {
  const rows = parseRecords(text, file, publishedRowSchema);
  const labels: string[] = [];
  const splits: string[] = [];
  const counts: PublishedSummary["counts"] = {};
  const patients: PublishedSummary["patients"] = {};
  const totals: PublishedSummary["totals"] = {};
  const totalPatients: PublishedSummary["totalPatients"] = {};
  for (const r of rows) {
    const split = r.split ?? "";
    if (!splits.includes(split)) splits.push(split);
    if (r.label === TOTAL_LABEL) {
      totals[split] = r.count;
      totalPatients[split] = r.patients;
      continue;
    }
    if (!labels.includes(r.label)) labels.push(r.label);
    (counts[split] ??= {})[r.label] = r.count;
    (patients[split] ??= {})[r.label] = r.patients;
  }
  return {
    kind: "published",
    dataset,
    unit,
    labels,
    splits,
    counts,
    patients,
    totals,
    totalPatients,
    sources: [...new Set(rows.map((r) => r.source_url))],
    notes: [...new Set(rows.flatMap((r) => (r.note ? [r.note] : [])))],
    provenance: {
      source: "published",
      sourceUrl: rows[0]?.source_url ?? null,
      files: [{ name: file, sha256: null, rows: rows.length }],
      labelFileVersion: null,
      rowsRead: rows.length,
      rowsSkipped: 0,
      rowsFlagged: 0,
      problems: [],
      notes: [],
      generated: "",
    },
  };
}
