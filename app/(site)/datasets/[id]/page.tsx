import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { SearchParams } from "nuqs/server";
import { Suspense } from "react";
import { DatasetCard } from "@/components/dataset/dataset-card";
import { EmbedButton } from "@/components/share/embed-button";
import { DatasetFindings } from "@/components/findings/dataset-findings";
import { findingsOfDataset } from "@/lib/findings/request";
import { LabelExplorer } from "@/components/dataset/label-explorer";
import { Provenance } from "@/components/dataset/provenance";
import { PublishedLabels } from "@/components/dataset/published-labels";
import { getLineage } from "@/lib/catalog/lineage";
import { getDataset, loadCatalog, loadSummary } from "@/lib/data";
import { previewMetadata } from "@/lib/share/preview-metadata";
import { loadDatasetParams, serializeDatasetParams } from "@/lib/search-params";

interface PageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params, searchParams }: PageProps): Promise<Metadata> {
  const dataset = getDataset((await params).id);
  if (!dataset) notFound();
  const view = await loadDatasetParams(searchParams);
  // The preview image draws the chart for the filters in this very URL.
  const image = `/api/og${serializeDatasetParams(`?id=${dataset.id}`, { inc: view.inc, exc: view.exc, sex: view.sex, view: view.view, split: view.split, amin: view.amin, amax: view.amax })}`;
  return previewMetadata(dataset.title, dataset.description, image);
}

export default async function DatasetPage({ params, searchParams }: PageProps) {
  const { id } = await params;
  const dataset = getDataset(id);
  if (!dataset) notFound();
  // Reading the params makes the page render per request, with the filters already applied.
  await loadDatasetParams(searchParams);
  const lineage = getLineage(loadCatalog(), id);
  const summary = loadSummary(id);
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
              <Suspense fallback={<p className="text-muted">Loading the charts…</p>}>
                <LabelExplorer summary={summary} name={dataset.title} />
              </Suspense>
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
