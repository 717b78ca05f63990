import type { Dataset } from "@/lib/catalog/schema";

/** Datasets this one was derived from, and datasets derived from it. */
export function getLineage(datasets: Dataset[], id: string): { parents: Dataset[]; children: Dataset[] } {
  const self = datasets.find((d) => d.id === id);
  if (!self) return { parents: [], children: [] };
  return {
    parents: datasets.filter((d) => self.derived_from.includes(d.id)),
    children: datasets.filter((d) => d.derived_from.includes(id)),
  };
}
