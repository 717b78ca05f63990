import type { Dataset } from "@/lib/catalog/schema";
import { compareDatasets, publishedSplit, type CompareCell, type CompareColumn } from "@/lib/compare/compare";
import type { OntologyEntry } from "@/lib/compare/ontology";
import type { Labelling } from "@/lib/findings/labelling";
import type { LabelSummary } from "@/lib/summary/model";

/** "Nodule/Mass" → "nodule-mass": the finding's URL id. */
export function toFindingId(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export interface FindingSource {
  dataset: Dataset;
  summary: LabelSummary | null;
  labelling: Labelling | null;
}

export interface FindingLabel {
  label: string;
  relation: OntologyEntry["relation"];
  note: string | null;
  sourceUrl: string;
}

export type LabelSource = "per-image file" | "published table";

/** One dataset that labels a finding, directly or through a broader, narrower or related label. */
export interface FindingDatasetRow {
  id: string;
  title: string;
  modality: string;
  imaging: string | null;
  region: string | null;
  labels: FindingLabel[];
  /** Images (or the dataset's unit) carrying the finding, each counted once; null when there is no figure. */
  positives: number | null;
  /** Why there is no figure, when there is none. */
  reason: string | null;
  unit: string;
  /** positives / denominator, when the dataset's total is known. */
  prevalence: number | null;
  denominator: number | null;
  /** Patients with the finding, where that can be counted exactly. */
  patients: number | null;
  labelSource: LabelSource | null;
  /** Which part of the dataset the figure covers, when not all of it (e.g. "published counts for the train split"). */
  figureNote: string | null;
  /** Where the figure comes from: the metadata file's page, or the published table's sources. */
  figureSources: string[];
  labelling: { method: string; sourceUrl: string; note: string | null } | null;
  access: string | null;
  license: string | null;
  commercialUse: string;
  /** Official splits with figures; empty when not reported. */
  splits: string[];
  /** Listed datasets this one was built from, so that their images overlap. */
  derivedFrom: string[];
}

export interface UnitTotal {
  unit: string;
  count: number;
}

export interface FindingSummary {
  id: string;
  name: string;
  /** The body region most of its datasets image; findings are grouped by it. */
  region: string;
  modalities: string[];
  /** Every label, of any dataset, that maps to this finding. */
  labels: string[];
  datasets: number;
  withFigure: number;
  /** Positives summed per unit (images, studies…); units are never added together. */
  totals: UnitTotal[];
  /** The images total alone (0 when none), the index's sort key. */
  images: number;
  patients: number | null;
  patientDatasets: number;
}

export interface FindingsIndex {
  findings: FindingSummary[];
  rows: Map<string, FindingDatasetRow[]>;
}

interface Counted {
  images: CompareCell;
  patients: CompareCell | null;
  column: CompareColumn;
}

/**
 * Every canonical finding of the ontology with the datasets that label it. The figures come from
 * compareDatasets, one dataset at a time, so a dataset's labels that map to one finding count each
 * image once; a dataset without a mapping to a finding is not listed for it at all (not 0).
 */
export function buildFindings(sources: FindingSource[], ontology: OntologyEntry[]): FindingsIndex {
  const byId = new Map(sources.map((s) => [s.dataset.id, s]));
  const perDataset = new Map<string, Map<string, Counted>>();
  for (const source of sources) {
    const entries = ontology.filter((e) => e.dataset === source.dataset.id);
    if (entries.length === 0) continue;
    const input = [{ id: source.dataset.id, title: source.dataset.title, summary: source.summary }];
    const images = compareDatasets(input, entries, { level: "images", sort: "name" });
    const patients = compareDatasets(input, entries, { level: "patients", sort: "name" });
    const cells = new Map<string, Counted>();
    for (const row of images.rows) {
      const p = patients.level === "patients" ? patients.rows.find((r) => r.finding === row.finding) : undefined;
      cells.set(row.finding, { images: row.cells[0]!, patients: p?.cells[0] ?? null, column: images.columns[0]! });
    }
    perDataset.set(source.dataset.id, cells);
  }

  const names = [...new Set(ontology.filter((e) => byId.has(e.dataset)).map((e) => e.canonical))];
  const rows = new Map<string, FindingDatasetRow[]>();
  const findings = names.map((name) => {
    const id = toFindingId(name);
    const entries = ontology.filter((e) => e.canonical === name && byId.has(e.dataset));
    const datasetIds = [...new Set(entries.map((e) => e.dataset))];
    const list = datasetIds.map((d) =>
      toRow(
        byId.get(d)!,
        entries.filter((e) => e.dataset === d),
        perDataset.get(d)!.get(name)!,
        datasetIds,
      ),
    );
    list.sort(byPositives);
    rows.set(id, list);
    const totals = totalsOf(list);
    const withPatients = list.filter((r) => r.patients !== null);
    return {
      id,
      name,
      region: mostCommon(list.map((r) => r.region ?? "other")),
      modalities: [...new Set(list.map((r) => r.modality))].sort(),
      labels: [...new Set(entries.map((e) => e.label))],
      datasets: list.length,
      withFigure: list.filter((r) => r.positives !== null).length,
      totals: totals.units,
      images: totals.units.find((u) => u.unit === "images")?.count ?? 0,
      patients: withPatients.length > 0 ? withPatients.reduce((s, r) => s + r.patients!, 0) : null,
      patientDatasets: withPatients.length,
    };
  });
  findings.sort((a, b) => a.name.localeCompare(b.name));
  return { findings, rows };
}

function toRow(source: FindingSource, entries: OntologyEntry[], counted: Counted, listed: string[]): FindingDatasetRow {
  const { dataset, summary, labelling } = source;
  const cell = counted.images;
  const positives = cell.status === "counted" ? cell.count : null;
  let patients: number | null = null;
  if (counted.patients?.status === "counted") patients = counted.patients.count;
  else if (summary?.kind === "published" && entries.length === 1) {
    const split = publishedSplit(summary);
    patients = split === null ? null : (summary.patients[split]?.[entries[0]!.label] ?? null);
  }
  return {
    id: dataset.id,
    title: dataset.title,
    modality: dataset.modality,
    imaging: dataset.imaging,
    region: dataset.body_region,
    labels: entries.map((e) => ({ label: e.label, relation: e.relation, note: e.note, sourceUrl: e.source_url })),
    positives,
    reason: cell.status === "no-figure" ? cell.reason : null,
    unit: counted.column.unit,
    prevalence: cell.status === "counted" ? cell.share : null,
    denominator: counted.column.denominator,
    patients,
    labelSource: summary === null ? null : summary.kind === "rows" ? "per-image file" : "published table",
    figureNote: counted.column.note,
    figureSources:
      summary === null
        ? []
        : summary.kind === "rows"
          ? summary.provenance.sourceUrl
            ? [summary.provenance.sourceUrl]
            : []
          : summary.sources,
    labelling: labelling ? { method: labelling.method, sourceUrl: labelling.source_url, note: labelling.note } : null,
    access: dataset.access,
    license: dataset.license,
    commercialUse: dataset.commercial_use,
    splits: splitsOf(summary),
    derivedFrom: dataset.derived_from.filter((p) => listed.includes(p)),
  };
}

function splitsOf(summary: LabelSummary | null): string[] {
  if (!summary) return [];
  if (summary.kind === "rows") return summary.dims.split;
  return summary.splits.filter((s) => s !== "");
}

function byPositives(a: FindingDatasetRow, b: FindingDatasetRow): number {
  return (b.positives ?? -1) - (a.positives ?? -1) || a.title.localeCompare(b.title);
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? "other";
}

export interface FindingTotals {
  datasets: number;
  withFigure: number;
  /** Positives per unit, images first. */
  units: UnitTotal[];
  patients: number | null;
}

/** The sum of the rows' own figures: the total line always equals the table above it. */
export function totalsOf(rows: FindingDatasetRow[]): FindingTotals {
  const units = new Map<string, number>();
  for (const r of rows) if (r.positives !== null) units.set(r.unit, (units.get(r.unit) ?? 0) + r.positives);
  const withPatients = rows.filter((r) => r.patients !== null);
  return {
    datasets: rows.length,
    withFigure: rows.filter((r) => r.positives !== null).length,
    units: [...units]
      .map(([unit, count]) => ({ unit, count }))
      .sort((a, b) => (a.unit === "images" ? -1 : b.unit === "images" ? 1 : a.unit.localeCompare(b.unit))),
    patients: withPatients.length > 0 ? withPatients.reduce((s, r) => s + r.patients!, 0) : null,
  };
}

export interface RowFilters {
  access: string[];
  commercial: string[];
}

/** "not-reported" stands for a blank access cell in the catalog. */
export const NOT_REPORTED_ACCESS = "not-reported";

export function filterRows(rows: FindingDatasetRow[], filters: RowFilters): FindingDatasetRow[] {
  return rows.filter(
    (r) =>
      (filters.access.length === 0 || filters.access.includes(r.access ?? NOT_REPORTED_ACCESS)) &&
      (filters.commercial.length === 0 || filters.commercial.includes(r.commercialUse)),
  );
}

export type DetailSortId = "positives" | "prevalence" | "patients" | "title";

export function sortRows(rows: FindingDatasetRow[], sort: { id: string; desc: boolean }): FindingDatasetRow[] {
  const key = (r: FindingDatasetRow): number | string | null =>
    sort.id === "title"
      ? r.title.toLowerCase()
      : sort.id === "prevalence"
        ? r.prevalence
        : sort.id === "patients"
          ? r.patients
          : r.positives;
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    // Rows without a figure stay last whichever way the column is sorted.
    if (x === null || y === null) return x === y ? a.title.localeCompare(b.title) : x === null ? 1 : -1;
    const c = typeof x === "string" ? x.localeCompare(y as string) : x - (y as number);
    return (sort.desc ? -c : c) || a.title.localeCompare(b.title);
  });
}

export type IndexSortId = "name" | "datasets" | "images" | "patients";

/** Findings whose name, or one of whose datasets' labels, contains every term of the query. */
export function searchFindings(findings: FindingSummary[], query: string): FindingSummary[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return findings;
  return findings.filter((f) => {
    const text = [f.name, f.region, ...f.modalities, ...f.labels].join(" ").toLowerCase();
    return terms.every((t) => text.includes(t));
  });
}

export function sortFindings(findings: FindingSummary[], sort: { id: string; desc: boolean }): FindingSummary[] {
  const key = (f: FindingSummary): number | string =>
    sort.id === "datasets"
      ? f.datasets
      : sort.id === "patients"
        ? (f.patients ?? -1)
        : sort.id === "images"
          ? f.images
          : f.name.toLowerCase();
  return [...findings].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = typeof x === "string" ? x.localeCompare(y as string) : x - (y as number);
    return (sort.desc ? -c : c) || a.name.localeCompare(b.name);
  });
}

/** Findings in groups by body region, groups in name order. */
export function groupFindings(findings: FindingSummary[]): { region: string; findings: FindingSummary[] }[] {
  const groups = new Map<string, FindingSummary[]>();
  for (const f of findings) groups.set(f.region, [...(groups.get(f.region) ?? []), f]);
  return [...groups].sort((a, b) => a[0].localeCompare(b[0])).map(([region, list]) => ({ region, findings: list }));
}

/**
 * Search words for each dataset: the findings it labels, and every label of any dataset that maps
 * to those findings, so that "effusion" also finds the datasets that call it "Pleural Effusion".
 */
export function findingSearchTerms(ontology: OntologyEntry[]): Record<string, string> {
  const labelsOf = new Map<string, Set<string>>();
  for (const e of ontology) labelsOf.set(e.canonical, (labelsOf.get(e.canonical) ?? new Set()).add(e.label));
  const terms: Record<string, Set<string>> = {};
  for (const e of ontology) {
    const set = (terms[e.dataset] ??= new Set());
    set.add(e.canonical);
    for (const l of labelsOf.get(e.canonical)!) set.add(l);
  }
  return Object.fromEntries(Object.entries(terms).map(([id, set]) => [id, [...set].join(" ").toLowerCase()]));
}
