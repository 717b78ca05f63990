import type { SearchParams } from "nuqs/server";
import { CatalogExplorer } from "@/components/catalog/catalog-explorer";
import { PortalLinks } from "@/components/catalog/portal-links";
import { loadCatalog, loadFigures, loadLinks, loadOntology } from "@/lib/data";
import { findingSearchTerms } from "@/lib/findings/findings";
import { loadCatalogParams } from "@/lib/search-params";

interface PageProps {
  searchParams: Promise<SearchParams>;
}

export default async function CatalogPage({ searchParams }: PageProps) {
  // Reading the params makes the route dynamic, so the server renders the table already filtered.
  await loadCatalogParams(searchParams);
  const datasets = loadCatalog();
  return (
    <div className="space-y-8">
      <section aria-labelledby="catalog-title" className="space-y-3">
        <h1 id="catalog-title" className="text-2xl font-bold sm:text-3xl">
          Public medical image datasets
        </h1>
        <p className="max-w-3xl text-muted">
          {datasets.length} datasets by modality, with their labels, size, licence and how to get access. Open a dataset
          for its full card and label figures.
        </p>
        <p className="max-w-3xl rounded-md border-l-4 border-note-line bg-note-bg px-4 py-3 text-sm">
          Read each dataset&apos;s own documentation before you use it: annotation methods, sites, preprocessing and
          versions differ, and the figures here follow the version named on each dataset page. Every row links to its
          official page.
        </p>
      </section>
      <CatalogExplorer datasets={datasets} figures={loadFigures()} findingTerms={findingSearchTerms(loadOntology())} />
      <PortalLinks links={loadLinks()} />
    </div>
  );
}
