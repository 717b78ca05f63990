import type { LabelSummary, RowsSummary } from "@/lib/summary/model";
import { computeLabelView, countImages, NO_FILTERS, type LabelFilters } from "@/lib/summary/view";
import type { OntologyEntry } from "@/lib/compare/ontology";

/** One side of a comparison: a dataset, or a slice of one. */
export interface CompareSource {
  id: string;
  title: string;
  /** What this side's figures come from; null when there are none. */
  summary: LabelSummary | null;
  /** For slices: which images of the summary count. */
  filters?: LabelFilters;
}

export interface CompareColumn {
  id: string;
  title: string;
  /** Images (or patients) the percentages are of; null when not published. */
  denominator: number | null;
  unit: string;
  source: "computed" | "published" | "none";
  note: string | null;
}

export type CompareCell =
  | { status: "counted"; count: number; share: number | null; labels: { label: string; relation: string }[] }
  | { status: "no-figure"; reason: string; labels: { label: string; relation: string }[] }
  | { status: "not-labelled" };

export interface CompareRow {
  finding: string;
  cells: CompareCell[];
  /** Largest minus smallest share among the counted cells (percentage points), when two or more have one. */
  spread: number | null;
}

export interface Divergence {
  a: string;
  b: string;
  /** Jensen-Shannon divergence in bits (0 = same mix, 1 = no overlap), over the findings both count. */
  jsd: number | null;
  shared: number;
}

export interface Comparison {
  level: "images" | "patients";
  columns: CompareColumn[];
  rows: CompareRow[];
  divergences: Divergence[];
}

type Sorting = "difference" | "name" | "prevalence";

/**
 * Lines datasets up by canonical finding through the ontology. A dataset that does not label a
 * finding at all is "not labelled", never 0 %. Several labels of one dataset that map to the same
 * finding are counted once per image where the per-image summary allows it.
 */
export function compareDatasets(
  sources: CompareSource[],
  ontology: OntologyEntry[],
  options: { level: "images" | "patients"; sort: Sorting },
): Comparison {
  const level = options.level === "patients" && sources.every((s) => patientsExact(s)) ? "patients" : "images";
  const columns = sources.map((s) => toColumn(s, level));
  const findings = [
    ...new Set(ontology.filter((e) => sources.some((s) => s.id === e.dataset)).map((e) => e.canonical)),
  ];
  const rows = findings.map((finding) => {
    const cells = sources.map((s, i) => {
      const entries = ontology.filter((e) => e.dataset === s.id && e.canonical === finding);
      return toCell(s, columns[i]!, entries, level);
    });
    return { finding, cells, spread: spreadOf(cells) };
  });
  sortRows(rows, options.sort);
  return { level, columns, rows, divergences: divergences(columns, rows) };
}

/** The same comparison for slices of one dataset: its own labels, no mapping needed. */
export function compareSlices(
  summary: RowsSummary,
  slices: { id: string; title: string; filters: LabelFilters }[],
  sort: Sorting,
): Comparison {
  const identity: OntologyEntry[] = summary.labels.map((label) => ({
    dataset: "",
    label,
    canonical: label,
    relation: "exact",
    note: null,
    source_url: "",
  }));
  const sources = slices.map((s) => ({ id: s.id, title: s.title, summary, filters: s.filters }));
  const perSlice = identity.flatMap((e) => sources.map((s) => ({ ...e, dataset: s.id })));
  return compareDatasets(sources, perSlice, { level: "images", sort });
}

function patientsExact(s: CompareSource): boolean {
  if (!s.summary) return false;
  if (s.summary.kind === "rows") return s.summary.labelPatients !== null && !s.filters;
  return false;
}

export function publishedSplit(summary: Extract<LabelSummary, { kind: "published" }>): string | null {
  const order = summary.splits.includes("") ? ["", ...summary.splits.filter((s) => s !== "")] : summary.splits;
  return order.find((s) => Object.values(summary.counts[s] ?? {}).some((n) => n !== null)) ?? null;
}

function toColumn(s: CompareSource, level: "images" | "patients"): CompareColumn {
  const base = { id: s.id, title: s.title };
  if (!s.summary)
    return { ...base, denominator: null, unit: "images", source: "none", note: "no label figures in this catalog" };
  if (s.summary.kind === "rows") {
    const view = computeLabelView(s.summary, s.filters ?? NO_FILTERS);
    const denominator = level === "patients" ? s.summary.patients : view.images;
    return {
      ...base,
      denominator,
      unit: level === "patients" ? "patients" : s.summary.unit,
      source: "computed",
      note: null,
    };
  }
  const split = publishedSplit(s.summary);
  const total = split === null ? null : (s.summary.totals[split] ?? null);
  const where = split ? `the ${split} split` : "the whole dataset";
  return {
    ...base,
    denominator: total,
    unit: s.summary.unit,
    source: "published",
    note:
      total === null
        ? `published counts for ${where}; no total published, so no percentages`
        : `published counts for ${where}`,
  };
}

function toCell(
  s: CompareSource,
  column: CompareColumn,
  entries: OntologyEntry[],
  level: "images" | "patients",
): CompareCell {
  if (entries.length === 0) return { status: "not-labelled" };
  const labels = entries.map((e) => ({ label: e.label, relation: e.relation }));
  const summary = s.summary;
  if (!summary) return { status: "no-figure", reason: "no label figures in this catalog", labels };
  let count: number | null = null;
  let reason = "";
  if (summary.kind === "rows") {
    const indices = entries.map((e) => summary.labels.indexOf(e.label));
    if (indices.some((i) => i === -1)) reason = "label not in the metadata file";
    else if (level === "patients") {
      if (indices.length === 1) count = summary.labelPatients![indices[0]!]!;
      else reason = "patients of several labels cannot be added exactly";
    } else count = imagesWithAny(summary, indices, s.filters ?? NO_FILTERS);
  } else {
    const split = publishedSplit(summary);
    const counts = split === null ? [] : entries.map((e) => summary.counts[split]?.[e.label] ?? null);
    if (counts.length === 1 && counts[0] !== null) count = counts[0]!;
    else if (counts.length > 1) reason = "several labels map here; their overlap is not published";
    else reason = "no count published";
  }
  if (count === null) return { status: "no-figure", reason, labels };
  const share = column.denominator ? count / column.denominator : null;
  return { status: "counted", count, share, labels };
}

/** Images carrying at least one of the labels, counted once each. */
function imagesWithAny(summary: RowsSummary, indices: number[], filters: LabelFilters): number {
  return countImages(summary, filters, (set) => indices.some((i) => set.includes(i)));
}

function spreadOf(cells: CompareCell[]): number | null {
  const shares = cells.flatMap((c) => (c.status === "counted" && c.share !== null ? [c.share * 100] : []));
  return shares.length >= 2 ? Math.max(...shares) - Math.min(...shares) : null;
}

function sortRows(rows: CompareRow[], sort: Sorting) {
  const prevalence = (r: CompareRow) =>
    Math.max(-1, ...r.cells.map((c) => (c.status === "counted" && c.share !== null ? c.share : -1)));
  rows.sort((a, b) => {
    if (sort === "name") return a.finding.localeCompare(b.finding);
    if (sort === "prevalence") return prevalence(b) - prevalence(a) || a.finding.localeCompare(b.finding);
    return (b.spread ?? -1) - (a.spread ?? -1) || prevalence(b) - prevalence(a) || a.finding.localeCompare(b.finding);
  });
}

function divergences(columns: CompareColumn[], rows: CompareRow[]): Divergence[] {
  const out: Divergence[] = [];
  for (let a = 0; a < columns.length; a++) {
    for (let b = a + 1; b < columns.length; b++) {
      const pairs = rows.flatMap((r) => {
        const x = r.cells[a]!;
        const y = r.cells[b]!;
        return x.status === "counted" && y.status === "counted" && x.share !== null && y.share !== null
          ? [[x.share, y.share] as const]
          : [];
      });
      out.push({
        a: columns[a]!.id,
        b: columns[b]!.id,
        jsd:
          pairs.length >= 2
            ? jensenShannon(
                pairs.map((p) => p[0]),
                pairs.map((p) => p[1]),
              )
            : null,
        shared: pairs.length,
      });
    }
  }
  return out;
}

/** Jensen-Shannon divergence (base 2) between two non-negative vectors, each normalised to sum 1. */
export function jensenShannon(p: number[], q: number[]): number | null {
  const sp = p.reduce((a, b) => a + b, 0);
  const sq = q.reduce((a, b) => a + b, 0);
  if (sp === 0 || sq === 0) return null;
  let d = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]! / sp;
    const qi = q[i]! / sq;
    const m = (pi + qi) / 2;
    if (pi > 0) d += 0.5 * pi * Math.log2(pi / m);
    if (qi > 0) d += 0.5 * qi * Math.log2(qi / m);
  }
  return Math.max(0, Math.min(1, d));
}

/**
 * Ontology rows for a user's file: a label spelled like a catalog dataset's label takes that label's
 * finding (e.g. "Effusion" → Pleural Effusion); any other label stands for itself.
 */
export function mapFileLabels(id: string, labels: string[], ontology: OntologyEntry[]): OntologyEntry[] {
  return labels.map((label) => {
    const known = ontology.find((e) => e.label.toLowerCase() === label.toLowerCase());
    return {
      dataset: id,
      label,
      canonical: known?.canonical ?? label,
      relation: known?.relation ?? "exact",
      note: known ? `mapped like ${known.dataset}'s "${known.label}"` : null,
      source_url: known?.source_url ?? "",
    };
  });
}
