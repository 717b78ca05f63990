import Link from "next/link";
import { UrlList } from "@/components/ui/url-list";
import type { Dataset } from "@/lib/catalog/schema";
import { formatCount, formatSize, formatText, NOT_REPORTED } from "@/lib/format";

interface DatasetCardProps {
  dataset: Dataset;
  parents: Dataset[];
  derived: Dataset[];
}

export function DatasetCard({ dataset: d, parents, derived }: DatasetCardProps) {
  const facts: [string, React.ReactNode][] = [
    ["Modality", `${d.modality}${d.imaging ? ` (${d.imaging})` : ""}`],
    ["Body region", <Fact key="r" text={formatText(d.body_region)} />],
    ["Task", <Fact key="t" text={d.task.length ? d.task.join(", ") : NOT_REPORTED} />],
    ["Size", <Fact key="s" text={formatSize(d.count, d.unit)} />],
    ["Patients", <Fact key="p" text={formatCount(d.patients)} />],
    ["Classes", <Fact key="c" text={formatCount(d.num_classes)} />],
    ["Licence", <Fact key="l" text={formatText(d.license)} />],
    ["Access", <Fact key="a" text={formatText(d.access)} />],
    ["Commercial use", d.commercial_use],
    ["Year", <Fact key="y" text={formatText(d.year?.toString())} />],
  ];
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm text-muted">
          <Link href="/" className="text-link underline">
            Catalog
          </Link>{" "}
          / {d.modality}
        </p>
        <h1 className="text-2xl font-bold sm:text-3xl">{d.title}</h1>
        <p className="max-w-3xl">{d.description}</p>
        <p className="flex flex-wrap gap-4 text-sm">
          <a href={d.source_url} rel="noopener noreferrer" className="text-link underline">
            Official page
          </a>
          {d.paper_url && (
            <a href={d.paper_url} rel="noopener noreferrer" className="text-link underline">
              Paper
            </a>
          )}
        </p>
      </header>

      <section aria-labelledby="facts-title" className="rounded-lg border border-line p-4">
        <h2 id="facts-title" className="mb-3 text-lg font-semibold">
          Facts
        </h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2 lg:grid-cols-3">
          {facts.map(([term, value]) => (
            <div key={term} className="flex gap-2">
              <dt className="min-w-32 text-muted">{term}</dt>
              <dd className="font-medium">{value}</dd>
            </div>
          ))}
        </dl>
        {d.notes && <p className="mt-3 text-sm text-muted">Note: {d.notes}</p>}
      </section>

      <section aria-labelledby="label-names-title" className="space-y-2">
        <h2 id="label-names-title" className="text-lg font-semibold">
          Labels
        </h2>
        {d.labels.length > 0 ? (
          <ul className="flex flex-wrap gap-1.5">
            {d.labels.map((label) => (
              <li key={label} className="rounded bg-chip px-2 py-0.5 text-sm">
                {label}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-muted">{NOT_REPORTED}</p>
        )}
        {d.keywords.length > 0 && <p className="text-sm text-muted">Keywords: {d.keywords.join(", ")}</p>}
      </section>

      <section aria-labelledby="lineage-title" className="space-y-2">
        <h2 id="lineage-title" className="text-lg font-semibold">
          Lineage
        </h2>
        <LineageList
          title="Derived from"
          datasets={parents}
          empty="Not derived from another dataset in this catalog."
        />
        <LineageList
          title="Datasets derived from it"
          datasets={derived}
          empty="No dataset in this catalog is derived from it."
        />
      </section>

      <section aria-labelledby="sources-title" className="space-y-2">
        <h2 id="sources-title" className="text-lg font-semibold">
          Where these figures come from
        </h2>
        {d.fact_sources.length > 0 ? (
          <UrlList urls={d.fact_sources} className="space-y-1 text-sm" />
        ) : (
          <p className="text-muted">{NOT_REPORTED}</p>
        )}
      </section>
    </article>
  );
}

function Fact({ text }: { text: string }) {
  return text === NOT_REPORTED ? <span className="font-normal text-muted">{text}</span> : <>{text}</>;
}

function LineageList({ title, datasets, empty }: { title: string; datasets: Dataset[]; empty: string }) {
  return (
    <div>
      <h3 className="text-sm font-medium">{title}</h3>
      {datasets.length > 0 ? (
        <ul className="mt-1 flex flex-wrap gap-2">
          {datasets.map((p) => (
            <li key={p.id}>
              <Link href={`/datasets/${p.id}`} className="text-link underline">
                {p.title}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">{empty}</p>
      )}
    </div>
  );
}
