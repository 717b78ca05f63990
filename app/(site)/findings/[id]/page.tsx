import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { SearchParams } from "nuqs/server";
import { FindingDatasets } from "@/components/findings/finding-datasets";
import { EmbedButton } from "@/components/share/embed-button";
import { getFinding } from "@/lib/findings/request";
import { formatUnitTotals } from "@/lib/findings/view";
import { previewMetadata } from "@/lib/share/preview-metadata";
import { getSiteUrl } from "@/lib/share/request-site";
import { loadFindingParams, serializeFindingParams } from "@/lib/search-params";

interface PageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params, searchParams }: PageProps): Promise<Metadata> {
  const found = getFinding((await params).id);
  if (!found) notFound();
  const { finding } = found;
  const view = await loadFindingParams(searchParams);
  const image = `/api/og${serializeFindingParams(`?finding=${finding.id}`, { access: view.access, commercial: view.commercial })}`;
  const figures = finding.totals.length > 0 ? `${formatUnitTotals(finding.totals)} in total` : "no figures yet";
  return previewMetadata(
    finding.name,
    `${finding.name}: ${finding.datasets} dataset${finding.datasets === 1 ? "" : "s"} label it, ${figures}.`,
    image,
    await getSiteUrl(),
  );
}

export default async function FindingPage({ params, searchParams }: PageProps) {
  const found = getFinding((await params).id);
  if (!found) notFound();
  await loadFindingParams(searchParams);
  const { finding, rows } = found;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/findings" className="text-link underline">
          Findings
        </Link>{" "}
        <span className="text-muted">/ {finding.region}</span>
      </nav>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold sm:text-3xl">{finding.name}</h1>
        <EmbedButton height={900} />
      </div>
      <p className="max-w-3xl text-muted">
        Every dataset whose own label maps to {finding.name} in the label ontology, directly (exact) or through a
        broader, narrower or related label. Datasets that do not label it are not listed; a listed dataset without a
        figure reads &ldquo;labelled, no figure&rdquo;. Positives count each image once, even where two of a
        dataset&apos;s labels map here.
      </p>
      <FindingDatasets name={finding.name} rows={rows} />
    </div>
  );
}
