import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { CompareResult } from "@/components/compare/compare-view";
import { resolveComparison } from "@/lib/compare/request";
import { loadCompareParams, serializeCompareParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Comparison", robots: { index: false } };

export default async function EmbedComparePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await loadCompareParams(searchParams);
  const { comparison, problem } = resolveComparison(params);
  return (
    <div className="space-y-2">
      <h1 className="text-lg font-semibold">
        {comparison ? `Compare: ${comparison.columns.map((c) => c.title).join(" · ")}` : "Compare datasets"}
      </h1>
      {comparison ? (
        <CompareResult comparison={comparison} metric={params.metric} requestedLevel={params.level} />
      ) : (
        <p role="alert">{problem}</p>
      )}
      <p className="text-xs text-muted">
        <a
          href={`/compare${serializeCompareParams(params)}`}
          target="_blank"
          rel="noopener"
          className="text-link underline"
        >
          Open in Label Atlas
        </a>
      </p>
    </div>
  );
}
