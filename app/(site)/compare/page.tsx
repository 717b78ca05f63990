import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { CompareControls, CompareResult } from "@/components/compare/compare-view";
import { EmbedButton } from "@/components/share/embed-button";
import { resolveComparison } from "@/lib/compare/request";
import { LocalComparison } from "@/components/compare/local-comparison";
import type { CompareSource } from "@/lib/compare/compare";
import { getDataset, loadCatalog, loadOntology, loadSummary } from "@/lib/data";
import { previewMetadata } from "@/lib/share/preview-metadata";
import { getSiteUrl } from "@/lib/share/request-site";
import { loadCompareParams, serializeCompareParams } from "@/lib/search-params";

export async function generateMetadata({ searchParams }: PageProps): Promise<Metadata> {
  const params = await loadCompareParams(searchParams);
  return previewMetadata(
    "Compare datasets",
    "Label prevalence side by side, with labels harmonised across datasets, or slices of one dataset.",
    `/api/og${serializeCompareParams(params)}`,
    await getSiteUrl(),
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
  const local = params.local ? localSources(params.ids) : null;
  const { comparison, problem } = local ? { comparison: null, problem: local.problem } : resolveComparison(params);
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
      <CompareControls options={options} sliceable={sliceable} />
      {local && !local.problem ? (
        <LocalComparison
          localKey={params.local!}
          sources={local.sources}
          ontology={loadOntology()}
          level={params.level}
          sort={params.sort}
          metric={params.metric}
        />
      ) : problem ? (
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

/** Catalog datasets to compare with a file kept in the browser: the comparison itself runs there. */
function localSources(ids: string[]): { sources: CompareSource[]; problem: string | null } {
  const unknown = ids.filter((id) => !getDataset(id));
  if (unknown.length > 0)
    return { sources: [], problem: `Unknown dataset id${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}.` };
  return {
    sources: [...new Set(ids)].map((id) => ({ id, title: getDataset(id)!.title, summary: loadSummary(id) })),
    problem: null,
  };
}
