import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { SearchParams } from "nuqs/server";
import { ChartFrame } from "@/components/charts/chart-frame";
import { LabelBars } from "@/components/charts/label-bars";
import { LabelTable } from "@/components/dataset/label-table";
import { PublishedLabels } from "@/components/dataset/published-labels";
import { getDataset, loadSummary } from "@/lib/data";
import { toLabelFilters } from "@/lib/summary/filters";
import { describeFilters } from "@/lib/summary/describe-filters";
import { describeLabelSeries, toLabelSeries } from "@/lib/summary/chart";
import { computeLabelView } from "@/lib/summary/view";
import { createLoader, createSerializer } from "nuqs/server";
import { datasetParsersFor } from "@/lib/search-params";
import { publicSourceUrl } from "@/lib/summary/source";

interface PageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const dataset = getDataset((await params).id);
  if (!dataset) notFound();
  return { title: `${dataset.title}: labels`, robots: { index: false } };
}

export default async function EmbedDatasetPage({ params, searchParams }: PageProps) {
  const { id } = await params;
  const dataset = getDataset(id);
  if (!dataset) notFound();
  const summary = loadSummary(id);
  const parsers = datasetParsersFor(summary?.kind === "rows" ? summary.attributes.map((a) => a.key) : []);
  const query = await createLoader(parsers)(searchParams);
  const fullPage = `/datasets/${id}${createSerializer(parsers)(query)}`;
  const file = summary?.provenance.files[0]?.name;
  const publishedAt = summary ? publicSourceUrl(summary) : null;
  const source = (
    <p className="text-xs text-muted">
      Source: {file ?? <SourceLink url={dataset.source_url} />}
      {file && publishedAt && (
        <>
          {" "}
          from <SourceLink url={publishedAt} />
        </>
      )}{" "}
      ·{" "}
      <a href={fullPage} target="_blank" rel="noopener" className="text-link underline">
        Open in Label Atlas
      </a>
    </p>
  );
  if (!summary) {
    return (
      <div className="space-y-2">
        <h1 className="text-lg font-semibold">{dataset.title}</h1>
        <p className="text-sm">No label figures for this dataset yet.</p>
        {source}
      </div>
    );
  }
  if (summary.kind === "published") {
    return (
      <div className="space-y-2">
        <h1 className="text-lg font-semibold">{dataset.title}</h1>
        <PublishedLabels summary={summary} />
        {source}
      </div>
    );
  }
  const filters = toLabelFilters(query, summary);
  const view = computeLabelView(summary, filters);
  const series = toLabelSeries(view, query, summary.unit);
  return (
    <div className="space-y-2">
      <ChartFrame
        id="labels"
        headingLevel={1}
        title={`${dataset.title}: labels${view.filtered ? ` (${describeFilters(filters)})` : ""}`}
        summary={series.ok ? describeLabelSeries(series) : series.reason}
        chart={
          series.ok ? (
            <LabelBars bars={series.bars} metric={query.metric} scale={query.scale} selected={filters.include} />
          ) : null
        }
        table={<LabelTable labels={view.labels} unit={summary.unit} />}
      />
      {source}
    </div>
  );
}

/** A public page, named by its host so the line stays short. */
function SourceLink({ url }: { url: string }) {
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" className="text-link underline">
      {new URL(url).hostname}
    </a>
  );
}
