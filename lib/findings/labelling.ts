import { z } from "zod";
import { cell, parseLocatedRecords } from "@/lib/csv/records";
import { DataFileError, type CsvProblem } from "@/lib/csv/parse";

export const labellingSchema = z.object({
  dataset: cell.text("a dataset id"),
  method: cell.text("how the labels were made"),
  source_url: cell.url(),
  note: cell.optionalText(),
});
export type Labelling = z.output<typeof labellingSchema>;

/** data/labelling.csv: how each dataset's positives were labelled, where its paper or page says so. */
export function parseLabelling(text: string, file: string, datasetIds: ReadonlySet<string>): Labelling[] {
  const located = parseLocatedRecords(text, file, labellingSchema);
  const problems: CsvProblem[] = [];
  const seen = new Set<string>();
  for (const { line, value } of located) {
    if (!datasetIds.has(value.dataset))
      problems.push({
        file,
        line,
        columnName: "dataset",
        message: `"${value.dataset}" is not a dataset id in the catalog`,
      });
    if (seen.has(value.dataset))
      problems.push({ file, line, columnName: "dataset", message: `"${value.dataset}" has a second row` });
    seen.add(value.dataset);
  }
  if (problems.length > 0) throw new DataFileError(problems);
  return located.map((r) => r.value);
}
