import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { Suspense } from "react";
import { CompareControls, CompareResult } from "@/components/compare-view";
import { compareDatasets, compareSlices, type Comparison } from "@/lib/compare";
import { slicesOf } from "@/lib/compare-slices";
import { getDataset, loadCatalog, loadOntology, loadSummary } from "@/lib/data";
import { loadCompareParams, MAX_COMPARE, MIN_COMPARE, type CompareParams } from "@/lib/search-params";

export const metadata: Metadata = {
  title: "Compare datasets",
  description: "Label prevalence side by side, with labels harmonised across datasets, or slices of one dataset.",
};

interface PageProps {
  searchParams: Promise<SearchParams>;
}

export default async function ComparePage({ searchParams }: PageProps) {
  const params = await loadCompareParams(searchParams);
  const catalog = loadCatalog();
  const options = catalog.map((d) => ({ id: d.id, title: d.title, modality: d.modality }));
  const sliceable = options.filter((o) => loadSummary(o.id)?.kind === "rows");
  const { comparison, problem } = buildComparison(params);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold sm:text-3xl">Compare datasets</h1>
      <p className="max-w-3xl text-muted">
        Findings are lined up through a label ontology: each dataset&apos;s own label maps to a common finding, and the
        relation (exact, broader, narrower, related) is shown wherever it is not exact. A finding a dataset does not
        label reads &ldquo;not labelled&rdquo;, which is not the same as 0 %.
      </p>
      <Suspense fallback={null}>
        <CompareControls options={options} sliceable={sliceable} />
      </Suspense>
      {problem ? (
        <p
          role="alert"
          className="rounded-md border-l-4 border-note-line bg-note-bg px-4 py-3"
          data-testid="compare-problem"
        >
          {problem}
        </p>
      ) : (
        comparison && <CompareResult comparison={comparison} metric={params.metric} requestedLevel={params.level} />
      )}
    </div>
  );
}

function buildComparison(params: CompareParams): { comparison: Comparison | null; problem: string | null } {
  if (params.mode === "slices") {
    const dataset = getDataset(params.id);
    const summary = dataset ? loadSummary(dataset.id) : null;
    if (!dataset || summary?.kind !== "rows") {
      return {
        comparison: null,
        problem: `Slices need a dataset with per-image figures; "${params.id}" has none. Choose one above.`,
      };
    }
    const slices = slicesOf(summary, params.by);
    if (slices.length < 2) return { comparison: null, problem: `${dataset.title} has no ${params.by} to slice by.` };
    return { comparison: compareSlices(summary, slices, params.sort), problem: null };
  }
  const unknown = params.ids.filter((id) => !getDataset(id));
  if (unknown.length > 0) {
    return {
      comparison: null,
      problem: `Unknown dataset id${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. Remove ${unknown.length > 1 ? "them" : "it"} or pick datasets above.`,
    };
  }
  const ids = [...new Set(params.ids)];
  if (ids.length < MIN_COMPARE || ids.length > MAX_COMPARE) {
    return {
      comparison: null,
      problem: `Choose ${MIN_COMPARE} to ${MAX_COMPARE} datasets to compare (${ids.length} chosen).`,
    };
  }
  const sources = ids.map((id) => ({ id, title: getDataset(id)!.title, summary: loadSummary(id) }));
  return {
    comparison: compareDatasets(sources, loadOntology(), { level: params.level, sort: params.sort }),
    problem: null,
  };
}
