import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { Suspense } from "react";
import { CompareControls, CompareResult } from "@/components/compare-view";
import { EmbedButton } from "@/components/embed-button";
import { resolveComparison } from "@/lib/compare-request";
import { loadCatalog, loadSummary } from "@/lib/data";
import { previewMetadata } from "@/lib/preview-metadata";
import { loadCompareParams, serializeCompareParams } from "@/lib/search-params";

export async function generateMetadata({ searchParams }: PageProps): Promise<Metadata> {
  const params = await loadCompareParams(searchParams);
  return previewMetadata(
    "Compare datasets",
    "Label prevalence side by side, with labels harmonised across datasets, or slices of one dataset.",
    `/api/og${serializeCompareParams(params)}`,
  );
}

interface PageProps {
  searchParams: Promise<SearchParams>;
}

export default async function ComparePage({ searchParams }: PageProps) {
  const params = await loadCompareParams(searchParams);
  const catalog = loadCatalog();
  const options = catalog.map((d) => ({ id: d.id, title: d.title, modality: d.modality }));
  const sliceable = options.filter((o) => loadSummary(o.id)?.kind === "rows");
  const { comparison, problem } = resolveComparison(params);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold sm:text-3xl">Compare datasets</h1>
        <EmbedButton height={900} />
      </div>
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
