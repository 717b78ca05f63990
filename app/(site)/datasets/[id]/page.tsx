import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { SearchParams } from "nuqs/server";
import { DatasetCard } from "@/components/dataset/dataset-card";
import { EmbedButton } from "@/components/share/embed-button";
import { DatasetFindings } from "@/components/findings/dataset-findings";
import { findingsOfDataset } from "@/lib/findings/request";
import { LabelExplorer } from "@/components/dataset/label-explorer";
import { Provenance } from "@/components/dataset/provenance";
import { PublishedComparison } from "@/components/dataset/published-comparison";
import { PublishedLabels } from "@/components/dataset/published-labels";
import { getLineage } from "@/lib/catalog/lineage";
import { getDataset, loadCatalog, loadPublishedSummary, loadSummary } from "@/lib/data";
import { previewMetadata } from "@/lib/share/preview-metadata";
import { getSiteUrl } from "@/lib/share/request-site";
import { createLoader, createSerializer } from "nuqs/server";
import { ATTRIBUTE_PREFIX, datasetParsersFor, loadDatasetParams } from "@/lib/search-params";

interface PageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params, searchParams }: PageProps): Promise<Metadata> {
  const dataset = getDataset((await params).id);
  if (!dataset) notFound();
  const summary = loadSummary(dataset.id);
  const keys = summary?.kind === "rows" ? summary.attributes.map((a) => a.key) : [];
  const parsers = datasetParsersFor(keys);
  const view = await createLoader(parsers)(searchParams);
  const filterKeys = [
    "inc",
    "exc",
    "sex",
    "view",
    "split",
    "amin",
    "amax",
    ...keys.map((k) => `${ATTRIBUTE_PREFIX}${k}`),
  ];
  // The preview image draws the chart for the filters in this very URL.
  const image = `/api/og${createSerializer(parsers)(
    `?id=${dataset.id}`,
    Object.fromEntries(filterKeys.map((k) => [k, (view as Record<string, unknown>)[k]])) as typeof view,
  )}`;
  return previewMetadata(dataset.title, dataset.description, image, await getSiteUrl());
}

export default async function DatasetPage({ params, searchParams }: PageProps) {
  const { id } = await params;
  const dataset = getDataset(id);
  if (!dataset) notFound();
  // Reading the params makes the page render per request, with the filters already applied.
  await loadDatasetParams(searchParams);
  const lineage = getLineage(loadCatalog(), id);
  const summary = loadSummary(id);
  const published = summary?.kind === "rows" ? loadPublishedSummary(id) : null;
  return (
    <div className="space-y-8">
      <DatasetCard dataset={dataset} parents={lineage.parents} derived={lineage.children} />
      <DatasetFindings findings={findingsOfDataset(id)} />
      <section aria-labelledby="figures-title" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="figures-title" className="text-xl font-bold">
            Label figures
          </h2>
          {summary && <EmbedButton />}
        </div>
        {summary ? (
          <>
            <Provenance summary={summary} />
            {summary.kind === "rows" ? (
              <>
                <LabelExplorer summary={summary} name={dataset.title} />
                {published && <PublishedComparison computed={summary} published={published} />}
              </>
            ) : (
              <PublishedLabels summary={summary} />
            )}
          </>
        ) : (
          <p className="rounded-md border-l-4 border-note-line bg-note-bg px-4 py-3 text-sm">
            No label figures for this dataset yet: neither its metadata nor a published per-label table is in this
            catalog. See the{" "}
            <a href={dataset.source_url} rel="noopener noreferrer" className="text-link underline">
              dataset&apos;s own page
            </a>{" "}
            for its labels.
          </p>
        )}
      </section>
    </div>
  );
}
