import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { SearchParams } from "nuqs/server";
import { FindingDatasets } from "@/components/findings/finding-datasets";
import { getFinding } from "@/lib/findings/request";
import { loadFindingParams, serializeFindingParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Finding", robots: { index: false } };

interface PageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}

export default async function EmbedFindingPage({ params, searchParams }: PageProps) {
  const found = getFinding((await params).id);
  if (!found) notFound();
  const view = await loadFindingParams(searchParams);
  const { finding, rows } = found;
  return (
    <div className="space-y-2">
      <h1 className="text-lg font-semibold">{finding.name}: datasets that label it</h1>
      <FindingDatasets name={finding.name} rows={rows} embed />
      <p className="text-xs text-muted">
        <a
          href={`/findings/${finding.id}${serializeFindingParams({ ...view, sel: [] })}`}
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
