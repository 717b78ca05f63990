import "server-only";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Dataset, PortalLink } from "@/lib/catalog/schema";
import { parseCatalog, parseLinks } from "@/lib/catalog/schema";
import type { LabelSummary, PublishedSummary } from "@/lib/summary/model";
import { toDatasetFigures, type DatasetFigures } from "@/lib/summary/coverage";
import { labelSummarySchema } from "@/lib/summary/schema";
import { parsePublishedSummary } from "@/lib/summary/published";
import { parseOntology, type OntologyEntry } from "@/lib/compare/ontology";
import { parseLabelling, type Labelling } from "@/lib/findings/labelling";

/** What the app serves: ./data, or LABEL_ATLAS_SITE_DATA (the bench points it at a generated catalog). */
const DATA_DIR = process.env.LABEL_ATLAS_SITE_DATA
  ? path.resolve(process.env.LABEL_ATLAS_SITE_DATA)
  : path.join(process.cwd(), "data");

function readDataFile(name: string): { text: string; file: string } {
  const file = `data/${name}`;
  return { text: readFileSync(path.join(DATA_DIR, name), "utf8"), file };
}

let catalog: Dataset[] | undefined;
let links: PortalLink[] | undefined;

/** The catalog, parsed and validated once per server process (and once per build). */
export function loadCatalog(): Dataset[] {
  if (!catalog) {
    const { text, file } = readDataFile("catalog.csv");
    catalog = parseCatalog(text, file);
  }
  return catalog;
}

export function loadLinks(): PortalLink[] {
  if (!links) {
    const { text, file } = readDataFile("links.csv");
    links = parseLinks(text, file);
  }
  return links;
}

export function getDataset(id: string): Dataset | undefined {
  return loadCatalog().find((d) => d.id === id);
}

const summaries = new Map<string, LabelSummary | null>();

/**
 * The label summary of a dataset: computed from its metadata rows (data/summaries/<id>.json, written by
 * `npm run ingest`) or read from its published table (data/published/<id>.csv). Null when neither exists.
 */
export function loadSummary(id: string): LabelSummary | null {
  if (summaries.has(id)) return summaries.get(id)!;
  const dataset = getDataset(id);
  let summary: LabelSummary | null = null;
  if (dataset) {
    const computed = path.join(DATA_DIR, "summaries", `${id}.json`);
    const published = path.join(DATA_DIR, "published", `${id}.csv`);
    if (existsSync(computed)) {
      const parsed = labelSummarySchema.safeParse(JSON.parse(readFileSync(computed, "utf8")));
      if (!parsed.success)
        throw new Error(
          `data/summaries/${id}.json: ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`,
        );
      summary = parsed.data;
    } else if (existsSync(published)) {
      summary = loadPublishedSummary(id);
    }
  }
  summaries.set(id, summary);
  return summary;
}

const publishedTables = new Map<string, PublishedSummary | null>();

/**
 * The dataset's published per-label table (data/published/<id>.csv), also when figures are computed
 * from its file: the page shows both, so a difference between paper and file is seen, not hidden.
 */
export function loadPublishedSummary(id: string): PublishedSummary | null {
  if (publishedTables.has(id)) return publishedTables.get(id)!;
  const dataset = getDataset(id);
  const file = path.join(DATA_DIR, "published", `${id}.csv`);
  let table: PublishedSummary | null = null;
  if (dataset && existsSync(file)) {
    const { text, file: name } = readDataFile(`published/${id}.csv`);
    table = parsePublishedSummary(text, name, id, dataset.unit ?? "images");
  }
  publishedTables.set(id, table);
  return table;
}

let figures: Record<string, DatasetFigures> | undefined;

/** Each catalog dataset's kind of label figures and its largest labels, for the catalog table. */
export function loadFigures(): Record<string, DatasetFigures> {
  figures ??= Object.fromEntries(loadCatalog().map((d) => [d.id, toDatasetFigures(loadSummary(d.id))]));
  return figures;
}

let ontology: OntologyEntry[] | undefined;

export function loadOntology(): OntologyEntry[] {
  if (!ontology) {
    const { text, file } = readDataFile("ontology.csv");
    ontology = parseOntology(text, file, new Set(loadCatalog().map((d) => d.id)));
  }
  return ontology;
}

let labelling: Labelling[] | undefined;

/** data/labelling.csv: how each dataset's labels were made, where a public source says so. */
export function loadLabelling(): Labelling[] {
  if (!labelling) {
    const { text, file } = readDataFile("labelling.csv");
    labelling = parseLabelling(text, file, new Set(loadCatalog().map((d) => d.id)));
  }
  return labelling;
}
