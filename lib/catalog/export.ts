import type { Dataset } from "@/lib/catalog/schema";
import { toCsv, type ExportColumn } from "@/lib/csv/export";

const list = (items: string[]) => items.join("; ");

const CATALOG_EXPORT_COLUMNS: ExportColumn<Dataset>[] = [
  { header: "id", value: (d) => d.id },
  { header: "title", value: (d) => d.title },
  { header: "modality", value: (d) => d.modality },
  { header: "imaging", value: (d) => d.imaging },
  { header: "description", value: (d) => d.description },
  { header: "keywords", value: (d) => list(d.keywords) },
  { header: "body_region", value: (d) => d.body_region },
  { header: "task", value: (d) => list(d.task) },
  { header: "unit", value: (d) => d.unit },
  { header: "count", value: (d) => d.count },
  { header: "patients", value: (d) => d.patients },
  { header: "num_classes", value: (d) => d.num_classes },
  { header: "labels", value: (d) => list(d.labels) },
  { header: "license", value: (d) => d.license },
  { header: "access", value: (d) => d.access },
  { header: "commercial_use", value: (d) => d.commercial_use },
  { header: "year", value: (d) => d.year },
  { header: "source_url", value: (d) => d.source_url },
  { header: "paper_url", value: (d) => d.paper_url },
  { header: "derived_from", value: (d) => list(d.derived_from) },
  { header: "fact_sources", value: (d) => list(d.fact_sources) },
  { header: "notes", value: (d) => d.notes },
];

/** The catalog rows as CSV, blank where a fact is not reported, formula cells neutralised. */
export function toCatalogCsv(datasets: readonly Dataset[]): string {
  return toCsv(datasets, CATALOG_EXPORT_COLUMNS);
}
