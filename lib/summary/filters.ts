import type { RowsSummary } from "@/lib/summary/model";
import type { LabelFilters } from "@/lib/summary/view";
import { ATTRIBUTE_PREFIX, type DatasetParams } from "@/lib/search-params";

/**
 * Turns URL params into filters the summary can answer. Values the dataset does not have
 * (a stale or edited link) are dropped, and ages snap to the 5-year buckets, so a bad link
 * shows the default view rather than an empty or broken one.
 */
export function toLabelFilters(
  params: Pick<DatasetParams, "inc" | "exc" | "sex" | "view" | "split" | "amin" | "amax"> & {
    [attribute: `${typeof ATTRIBUTE_PREFIX}${string}`]: string[] | undefined;
  },
  summary: RowsSummary,
): LabelFilters {
  const known = (values: string[], allowed: string[]) => [...new Set(values.filter((v) => allowed.includes(v)))];
  const age = (v: number | null) =>
    v === null || !Number.isFinite(v) || v < 0 ? null : Math.min(100, Math.floor(v / 5) * 5);
  let ageFrom = age(params.amin);
  let ageTo = age(params.amax);
  if (ageFrom !== null && ageTo !== null && ageFrom > ageTo) [ageFrom, ageTo] = [ageTo, ageFrom];
  const include = known(params.inc, summary.labels);
  return {
    include,
    exclude: known(params.exc, summary.labels).filter((l) => !include.includes(l)),
    sex: known(params.sex, summary.dims.sex),
    view: known(params.view, summary.dims.view),
    split: known(params.split, summary.dims.split),
    ageFrom,
    ageTo,
    attributes: Object.fromEntries(
      summary.attributes.map((a) => [a.key, known(params[`${ATTRIBUTE_PREFIX}${a.key}`] ?? [], a.values)]),
    ),
  };
}
