import { z } from "zod";
import { cell, parseLocatedRecords } from "@/lib/csv/records";
import { DataFileError } from "@/lib/csv/parse";

export const RELATIONS = ["exact", "broader", "narrower", "related"] as const;

export const ontologySchema = z.object({
  dataset: cell.text("a dataset id"),
  label: cell.text("the dataset's label"),
  canonical: cell.text("a canonical finding"),
  relation: cell.oneOf(RELATIONS),
  note: cell.optionalText(),
  source_url: cell.url(),
});
export type OntologyEntry = z.output<typeof ontologySchema>;

/** data/ontology.csv: each dataset's label → a canonical finding, with how the two relate. */
export function parseOntology(text: string, file: string, datasetIds: ReadonlySet<string>): OntologyEntry[] {
  const located = parseLocatedRecords(text, file, ontologySchema);
  const problems = [];
  const seen = new Set<string>();
  for (const { line, value } of located) {
    if (!datasetIds.has(value.dataset)) {
      problems.push({
        file,
        line,
        columnName: "dataset",
        message: `"${value.dataset}" is not a dataset id in the catalog`,
      });
    }
    const key = `${value.dataset}\u0000${value.label}`;
    if (seen.has(key))
      problems.push({
        file,
        line,
        columnName: "label",
        message: `"${value.label}" is mapped twice for ${value.dataset}`,
      });
    seen.add(key);
  }
  if (problems.length > 0) throw new DataFileError(problems);
  return located.map((r) => r.value);
}
