import { AGE_BUCKETS, CUBE_FIXED_DIMS, type RowsSummary, type SummaryAttribute } from "@/lib/summary/model";

export interface LabelFilters {
  /** Images must carry every one of these labels. */
  include: string[];
  /** Images must carry none of these labels. */
  exclude: string[];
  sex: string[];
  view: string[];
  split: string[];
  /** Inclusive range of 5-year age buckets, by their lower bound in years; null is open. */
  ageFrom: number | null;
  ageTo: number | null;
  /** Declared attributes by key: images must have one of the chosen values. */
  attributes: Record<string, string[]>;
}

export const NO_FILTERS: LabelFilters = {
  include: [],
  exclude: [],
  sex: [],
  view: [],
  split: [],
  ageFrom: null,
  ageTo: null,
  attributes: {},
};

export interface LabelCount {
  label: string;
  images: number;
  /** Distinct patients; null when not exact (under a filter) or not in the data. */
  patients: number | null;
  /** Share of the images in view. */
  share: number;
  isNoFinding: boolean;
}

export interface Breakdown {
  value: string;
  images: number;
}

export interface AttributeView extends Omit<SummaryAttribute, "values"> {
  values: Breakdown[];
}

export interface LabelView {
  images: number;
  patients: number | null;
  filtered: boolean;
  labels: LabelCount[];
  /** Images with exactly k labels (the no-finding state counts as none). */
  labelsPerImage: { labels: number; images: number }[];
  /** cooccurrence[i][j]: images carrying both labels[i] and labels[j] (by summary label order). */
  cooccurrence: number[][];
  sex: Breakdown[];
  age: Breakdown[];
  view: Breakdown[];
  split: Breakdown[];
  /** labelBySplit[i][s]: images of summary label i in split s (summary.dims.split order). */
  labelBySplit: number[][];
  attributes: AttributeView[];
}

export function isFiltered(f: LabelFilters): boolean {
  return (
    f.include.length + f.exclude.length + f.sex.length + f.view.length + f.split.length > 0 ||
    f.ageFrom !== null ||
    f.ageTo !== null ||
    Object.values(f.attributes).some((v) => v.length > 0)
  );
}

/** Every figure for the charts under the given filters, summed exactly from the summary's cube. */
export function computeLabelView(summary: RowsSummary, filters: LabelFilters): LabelView {
  const { dims, labels, labelSets, cube } = summary;
  const { keep } = cellTests(summary, filters);

  const perSet = new Array<number>(labelSets.length).fill(0);
  const sex = new Array<number>(dims.sex.length).fill(0);
  const age = new Array<number>(dims.age.length).fill(0);
  const view = new Array<number>(dims.view.length).fill(0);
  const split = new Array<number>(dims.split.length).fill(0);
  const labelBySplit = labels.map(() => new Array<number>(dims.split.length).fill(0));
  const attrCounts = summary.attributes.map((a) => new Array<number>(a.values.length).fill(0));
  const A = attrCounts.length;
  let images = 0;
  for (const cell of cube) {
    if (!keep(cell)) continue;
    const s = cell[0]!;
    const x = cell[1]!;
    const a = cell[2]!;
    const v = cell[3]!;
    const p = cell[4]!;
    const n = cell[cell.length - 1]!;
    images += n;
    for (let k = 0; k < A; k++) attrCounts[k]![cell[CUBE_FIXED_DIMS + k]!]! += n;
    perSet[s]! += n;
    sex[x]! += n;
    age[a]! += n;
    view[v]! += n;
    split[p]! += n;
    for (const l of labelSets[s]!) labelBySplit[l]![p]! += n;
  }

  const noFindingIdx = summary.noFinding === null ? -1 : labels.indexOf(summary.noFinding);
  const labelImages = new Array<number>(labels.length).fill(0);
  const cooccurrence = labels.map(() => new Array<number>(labels.length).fill(0));
  const perCount = new Map<number, number>();
  labelSets.forEach((set, s) => {
    const n = perSet[s]!;
    if (n === 0) return;
    for (const i of set) {
      labelImages[i]! += n;
      for (const j of set) cooccurrence[i]![j]! += n;
    }
    const k = set.filter((i) => i !== noFindingIdx).length;
    perCount.set(k, (perCount.get(k) ?? 0) + n);
  });

  const filtered = isFiltered(filters);
  const maxK = Math.max(0, ...perCount.keys());
  return {
    images,
    patients: filtered ? null : summary.patients,
    filtered,
    labels: labels.map((label, i) => ({
      label,
      images: labelImages[i]!,
      patients: filtered || !summary.labelPatients ? null : summary.labelPatients[i]!,
      share: images === 0 ? 0 : labelImages[i]! / images,
      isNoFinding: i === noFindingIdx,
    })),
    labelsPerImage: Array.from({ length: maxK + 1 }, (_, k) => ({ labels: k, images: perCount.get(k) ?? 0 })),
    cooccurrence,
    sex: dims.sex.map((value, i) => ({ value, images: sex[i]! })),
    age: dims.age.map((value, i) => ({ value, images: age[i]! })),
    view: dims.view.map((value, i) => ({ value, images: view[i]! })),
    split: dims.split.map((value, i) => ({ value, images: split[i]! })),
    labelBySplit,
    attributes: summary.attributes.map((attr, k) => ({
      ...attr,
      values: attr.values.map((value, i) => ({ value, images: attrCounts[k]![i]! })),
    })),
  };
}

/** Which cube cells a filter keeps, one lookup table per dimension. */
function cellTests(summary: RowsSummary, filters: LabelFilters) {
  const { dims, labels, labelSets } = summary;
  const pick = (values: string[], chosen: string[]) => values.map((v) => chosen.length === 0 || chosen.includes(v));
  const sexOk = pick(dims.sex, filters.sex);
  const viewOk = pick(dims.view, filters.view);
  const splitOk = pick(dims.split, filters.split);
  const ageActive = filters.ageFrom !== null || filters.ageTo !== null;
  const ageOk = dims.age.map((bucket) => {
    if (!ageActive) return true;
    const lower = AGE_BUCKETS.indexOf(bucket as (typeof AGE_BUCKETS)[number]) * 5;
    if (lower < 0) return false; // unknown age cannot be placed in a range
    return (filters.ageFrom === null || lower >= filters.ageFrom) && (filters.ageTo === null || lower <= filters.ageTo);
  });
  const includeIdx = filters.include.map((l) => labels.indexOf(l)).filter((i) => i >= 0);
  const excludeIdx = filters.exclude.map((l) => labels.indexOf(l)).filter((i) => i >= 0);
  const setOk = labelSets.map(
    (set) => includeIdx.every((i) => set.includes(i)) && !excludeIdx.some((i) => set.includes(i)),
  );
  const attrOk = summary.attributes
    .map((a, k) => ({ k, chosen: filters.attributes[a.key] ?? [], values: a.values }))
    .filter((a) => a.chosen.length > 0)
    .map((a) => ({ dim: CUBE_FIXED_DIMS + a.k, ok: pick(a.values, a.chosen) }));
  const keep = (cell: number[]) =>
    setOk[cell[0]!]! &&
    sexOk[cell[1]!]! &&
    ageOk[cell[2]!]! &&
    viewOk[cell[3]!]! &&
    splitOk[cell[4]!]! &&
    attrOk.every((a) => a.ok[cell[a.dim]!]);
  return { setOk, keep };
}

/** Images kept by the filters whose label set passes `matches` (e.g. "has any of these labels"). */
export function countImages(
  summary: RowsSummary,
  filters: LabelFilters,
  matches: (labelSet: number[]) => boolean,
): number {
  const { keep } = cellTests(summary, filters);
  const wanted = summary.labelSets.map((set) => matches(set));
  let images = 0;
  for (const cell of summary.cube) if (wanted[cell[0]!] && keep(cell)) images += cell[cell.length - 1]!;
  return images;
}
