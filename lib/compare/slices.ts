import type { RowsSummary } from "@/lib/summary/model";
import { NO_FILTERS, type LabelFilters } from "@/lib/summary/view";
import { UNKNOWN } from "@/lib/summary/model";

const AGE_GROUPS: [string, number, number][] = [
  ["0–19", 0, 15],
  ["20–39", 20, 35],
  ["40–59", 40, 55],
  ["60–79", 60, 75],
  ["80+", 80, 100],
];

/** The slices of one dataset along a dimension: each split, sex, view, or 20-year age group. */
export function slicesOf(
  summary: RowsSummary,
  by: "split" | "sex" | "view" | "age",
): { id: string; title: string; filters: LabelFilters }[] {
  if (by === "age") {
    return AGE_GROUPS.map(([title, from, to]) => ({
      id: `age-${from}`,
      title: `age ${title}`,
      filters: { ...NO_FILTERS, ageFrom: from, ageTo: to },
    }));
  }
  return summary.dims[by]
    .filter((v) => v !== UNKNOWN)
    .map((value) => ({ id: `${by}-${value}`, title: `${by} ${value}`, filters: { ...NO_FILTERS, [by]: [value] } }));
}
