import { AGE_BUCKETS, type RowsSummary } from "@/lib/summary/model";

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
}

export const NO_FILTERS: LabelFilters = {
  include: [],
  exclude: [],
  sex: [],
  view: [],
  split: [],
  ageFrom: null,
  ageTo: null,
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
}

export function isFiltered(f: LabelFilters): boolean {
  return (
    f.include.length + f.exclude.length + f.sex.length + f.view.length + f.split.length > 0 ||
    f.ageFrom !== null ||
    f.ageTo !== null
  );
}

/** Every figure for the charts under the given filters, summed exactly from the summary's cube. */
export function computeLabelView(summary: RowsSummary, filters: LabelFilters): LabelView {
  const { dims, labels, labelSets, cube } = summary;
  const { setOk, sexOk, ageOk, viewOk, splitOk } = cellTests(summary, filters);

  const perSet = new Array<number>(labelSets.length).fill(0);
  const sex = new Array<number>(dims.sex.length).fill(0);
  const age = new Array<number>(dims.age.length).fill(0);
  const view = new Array<number>(dims.view.length).fill(0);
  const split = new Array<number>(dims.split.length).fill(0);
  const labelBySplit = labels.map(() => new Array<number>(dims.split.length).fill(0));
  let images = 0;
  for (const [s, x, a, v, p, n] of cube) {
    if (!setOk[s] || !sexOk[x] || !ageOk[a] || !viewOk[v] || !splitOk[p]) continue;
    images += n;
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

  return { setOk, sexOk, ageOk, viewOk, splitOk };
}

/** Images kept by the filters whose label set passes `matches` (e.g. "has any of these labels"). */
export function countImages(
  summary: RowsSummary,
  filters: LabelFilters,
  matches: (labelSet: number[]) => boolean,
): number {
  const { setOk, sexOk, ageOk, viewOk, splitOk } = cellTests(summary, filters);
  const wanted = summary.labelSets.map((set, i) => setOk[i]! && matches(set));
  let images = 0;
  for (const [s, x, a, v, p, n] of summary.cube)
    if (wanted[s] && sexOk[x] && ageOk[a] && viewOk[v] && splitOk[p]) images += n;
  return images;
}
