import { z } from "zod";
import { ACCESS_LEVELS, COMMERCIAL_USE, MODALITIES } from "@/lib/catalog/vocabulary";
import { DataFileError, type CsvProblem } from "@/lib/csv/parse";
import { cell, parseLocatedRecords, parseRecords } from "@/lib/csv/records";

export const datasetSchema = z.object({
  id: cell.text("an id").pipe(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "expected a lowercase kebab-case id")),
  title: cell.text("a title"),
  modality: cell.oneOf(MODALITIES),
  imaging: cell.optionalText(),
  description: cell.text("a description"),
  keywords: cell.list(),
  body_region: cell.optionalText(),
  task: cell.list(),
  unit: cell.optionalText(),
  count: cell.optionalCount(),
  patients: cell.optionalCount(),
  num_classes: cell.optionalCount(),
  labels: cell.list(),
  license: cell.optionalText(),
  access: cell.optionalOneOf(ACCESS_LEVELS),
  commercial_use: cell.oneOf(COMMERCIAL_USE),
  year: cell.optionalYear(),
  source_url: cell.url(),
  paper_url: cell.optionalUrl(),
  derived_from: cell.list(),
  fact_sources: cell.urlList(),
  notes: cell.optionalText(),
});
export type Dataset = z.output<typeof datasetSchema>;

export const linkSchema = z.object({
  title: cell.text("a title"),
  description: cell.text("a description"),
  url: cell.url(),
  kind: cell.text("a kind"),
});
export type PortalLink = z.output<typeof linkSchema>;

/** Parses data/catalog.csv and checks what one row cannot: unique ids and lineage that resolves. */
export function parseCatalog(text: string, file: string): Dataset[] {
  const located = parseLocatedRecords(text, file, datasetSchema);
  const problems: CsvProblem[] = [];
  const ids = new Set<string>();
  for (const { line, value } of located) {
    if (ids.has(value.id)) problems.push({ file, line, columnName: "id", message: `duplicate id "${value.id}"` });
    ids.add(value.id);
  }
  for (const { line, value } of located) {
    for (const parent of value.derived_from) {
      if (!ids.has(parent) || parent === value.id) {
        problems.push({
          file,
          line,
          columnName: "derived_from",
          message: `"${parent}" is not the id of another dataset in the catalog`,
        });
      }
    }
  }
  if (problems.length > 0) throw new DataFileError(problems);
  return located.map((r) => r.value);
}

export function parseLinks(text: string, file: string): PortalLink[] {
  return parseRecords(text, file, linkSchema);
}
