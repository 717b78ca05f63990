import "server-only";
import { compareDatasets, compareSlices, type Comparison } from "@/lib/compare/compare";
import { slicesOf } from "@/lib/compare/slices";
import { getDataset, loadOntology, loadSummary } from "@/lib/data";
import { MAX_COMPARE, MIN_COMPARE, type CompareParams } from "@/lib/search-params";

export type ComparisonRequest =
  { comparison: Comparison; problem: null } | { comparison: null; problem: string; status: 400 | 404 };

/** Turns compare params into a comparison, or says plainly what is wrong with them. Page and API share it. */
export function resolveComparison(params: CompareParams): ComparisonRequest {
  if (params.mode === "slices") {
    const dataset = getDataset(params.id);
    if (!dataset)
      return {
        comparison: null,
        status: 404,
        problem: `Slices need a dataset with per-image figures; "${params.id}" is not a dataset id.`,
      };
    const summary = loadSummary(dataset.id);
    if (summary?.kind !== "rows") {
      return {
        comparison: null,
        status: 400,
        problem: `Slices need a dataset with per-image figures; ${dataset.title} has none.`,
      };
    }
    const slices = slicesOf(summary, params.by);
    if (slices.length < 2)
      return { comparison: null, status: 400, problem: `${dataset.title} has no ${params.by} to slice by.` };
    return { comparison: compareSlices(summary, slices, params.sort), problem: null };
  }
  const unknown = params.ids.filter((id) => !getDataset(id));
  if (unknown.length > 0) {
    return {
      comparison: null,
      status: 404,
      problem: `Unknown dataset id${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. Remove ${unknown.length > 1 ? "them" : "it"} or pick datasets above.`,
    };
  }
  const ids = [...new Set(params.ids)];
  if (ids.length < MIN_COMPARE || ids.length > MAX_COMPARE) {
    return {
      comparison: null,
      status: 400,
      problem: `Choose ${MIN_COMPARE} to ${MAX_COMPARE} datasets to compare (${ids.length} chosen).`,
    };
  }
  const sources = ids.map((id) => ({ id, title: getDataset(id)!.title, summary: loadSummary(id) }));
  return {
    comparison: compareDatasets(sources, loadOntology(), { level: params.level, sort: params.sort }),
    problem: null,
  };
}
