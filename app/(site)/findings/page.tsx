import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { FindingsIndex } from "@/components/findings/findings-index";
import { loadFindings } from "@/lib/findings/request";
import { previewMetadata } from "@/lib/share/preview-metadata";
import { getSiteUrl } from "@/lib/share/request-site";
import { loadFindingsParams } from "@/lib/search-params";

export async function generateMetadata(): Promise<Metadata> {
  return previewMetadata(
    "Findings",
    "Which datasets label a finding, how many positive images each has, and which you can use.",
    "/api/og?findings=all",
    await getSiteUrl(),
  );
}

interface PageProps {
  searchParams: Promise<SearchParams>;
}

export default async function FindingsPage({ searchParams }: PageProps) {
  // Reading the params renders the page per request, already searched and sorted.
  await loadFindingsParams(searchParams);
  const { findings } = loadFindings();
  return (
    <div className="space-y-6">
      <section className="space-y-3">
        <h1 className="text-2xl font-bold sm:text-3xl">Findings</h1>
        <p className="max-w-3xl text-muted">
          {findings.length} findings, each with the datasets that label it and how many positive images they hold.
          Datasets&apos; own labels are mapped to a common finding through the label ontology; open a finding for each
          dataset&apos;s figure, how its labels were made and its terms of use.
        </p>
        <p className="max-w-3xl rounded-md border-l-4 border-note-line bg-note-bg px-4 py-3 text-sm">
          A dataset that does not label a finding is not counted for it at all, which is not the same as 0 positives.
          Totals add the datasets&apos; own figures; units other than images (studies, cases) are kept apart.
        </p>
      </section>
      <FindingsIndex findings={findings} />
    </div>
  );
}
