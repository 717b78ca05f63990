import "server-only";
import { buildFindings, type FindingsIndex } from "@/lib/findings/findings";
import { loadCatalog, loadLabelling, loadOntology, loadSummary } from "@/lib/data";

let index: FindingsIndex | undefined;

/** Every finding with its datasets, built once per server process from the catalog, ontology and summaries. */
export function loadFindings(): FindingsIndex {
  if (!index) {
    const labelling = loadLabelling();
    const sources = loadCatalog().map((dataset) => ({
      dataset,
      summary: loadSummary(dataset.id),
      labelling: labelling.find((l) => l.dataset === dataset.id) ?? null,
    }));
    index = buildFindings(sources, loadOntology());
  }
  return index;
}

export function getFinding(id: string) {
  const { findings, rows } = loadFindings();
  const finding = findings.find((f) => f.id === id);
  return finding ? { finding, rows: rows.get(id)! } : undefined;
}

export interface DatasetFinding {
  id: string;
  name: string;
  labels: { label: string; relation: string }[];
}

/** The findings a dataset labels, each with the dataset's own labels that map to it. */
export function findingsOfDataset(datasetId: string): DatasetFinding[] {
  const { findings, rows } = loadFindings();
  return findings.flatMap((f) => {
    const row = rows.get(f.id)!.find((r) => r.id === datasetId);
    return row
      ? [{ id: f.id, name: f.name, labels: row.labels.map((l) => ({ label: l.label, relation: l.relation })) }]
      : [];
  });
}
