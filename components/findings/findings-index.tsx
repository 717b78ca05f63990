"use client";

import Link from "next/link";
import { useQueryStates } from "nuqs";
import { DownloadButton } from "@/components/share/download-button";
import { groupFindings, searchFindings, sortFindings, type FindingSummary } from "@/lib/findings/findings";
import { formatUnitTotals } from "@/lib/findings/view";
import { formatCount } from "@/lib/format";
import { DEFAULT_FINDINGS_SORT, findingsParsers } from "@/lib/search-params";

const COLUMNS = [
  { id: "name", label: "Finding", numeric: false },
  { id: "datasets", label: "Datasets", numeric: true },
  { id: "images", label: "Positive images", numeric: true },
  { id: "patients", label: "Patients", numeric: true },
] as const;

/** Every finding, grouped by body region; search and sort live in the URL. */
export function FindingsIndex({ findings }: { findings: FindingSummary[] }) {
  const [params, setParams] = useQueryStates(findingsParsers, { history: "push" });
  const shown = sortFindings(searchFindings(findings, params.q), params.sort);
  const groups = groupFindings(shown);

  function sortBy(id: string) {
    const desc = params.sort.id === id ? !params.sort.desc : id !== "name";
    const same = id === DEFAULT_FINDINGS_SORT.id && desc === DEFAULT_FINDINGS_SORT.desc;
    void setParams({ sort: same ? null : { id, desc } });
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="w-full max-w-md">
          <label htmlFor="finding-search" className="mb-1 block text-sm font-medium">
            Search findings or labels
          </label>
          <input
            id="finding-search"
            type="search"
            value={params.q}
            onChange={(e) => void setParams({ q: e.target.value || null }, { history: "replace" })}
            placeholder="e.g. pneumothorax, melanoma, malignant"
            className="w-full rounded-md border border-line bg-surface px-3 py-2"
          />
        </div>
        <DownloadButton
          filename="label-atlas-findings.csv"
          label="Download CSV"
          getText={async () => (await import("@/lib/findings/view")).toFindingsCsv(shown)}
        />
      </div>
      <p className="text-sm text-muted" aria-live="polite" data-testid="findings-count">
        {shown.length} of {findings.length} findings
      </p>
      {groups.map((g) => (
        <section key={g.region} aria-labelledby={`region-${slug(g.region)}`} className="space-y-2">
          <h2 id={`region-${slug(g.region)}`} className="text-xl font-bold capitalize">
            {g.region}
          </h2>
          <div className="relative overflow-x-auto rounded-lg border border-line">
            <table className="w-full text-left text-sm" data-testid="findings-table">
              <caption className="sr-only">Findings of the {g.region}, with how many datasets label each</caption>
              <thead>
                <tr className="border-b border-line bg-surface-2">
                  {COLUMNS.map((c) => (
                    <th
                      key={c.id}
                      scope="col"
                      className={c.numeric ? "px-2 py-2 text-right" : "px-2 py-2"}
                      aria-sort={params.sort.id === c.id ? (params.sort.desc ? "descending" : "ascending") : undefined}
                    >
                      <button type="button" onClick={() => sortBy(c.id)} className="font-semibold hover:underline">
                        {c.label}
                        <span aria-hidden="true" className="ml-1 text-muted">
                          {params.sort.id === c.id ? (params.sort.desc ? "↓" : "↑") : "↕"}
                        </span>
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {g.findings.map((f) => (
                  <tr key={f.id} className="border-b border-line align-top">
                    <th scope="row" className="px-2 py-1.5 font-normal">
                      <Link href={`/findings/${f.id}`} className="font-medium text-link underline">
                        {f.name}
                      </Link>
                      <span className="block text-xs text-muted">{f.modalities.join(", ")}</span>
                    </th>
                    <td className="px-2 py-1.5 text-right tabular-nums">
                      <span data-testid="dataset-count">{f.datasets}</span>
                      {f.withFigure < f.datasets && (
                        <span className="block text-xs text-muted">{f.withFigure} with a figure</span>
                      )}
                    </td>
                    <td className="px-2 py-1.5 text-right tabular-nums">
                      {f.withFigure === 0 ? (
                        <span className="text-muted">no figure</span>
                      ) : (
                        f.totals.some((u) => u.unit === "images") && formatCount(f.images)
                      )}
                      {f.totals.some((u) => u.unit !== "images") && (
                        <span className="block text-xs text-muted">
                          {formatUnitTotals(
                            f.totals.filter((u) => u.unit !== "images"),
                            false,
                          )}
                        </span>
                      )}
                    </td>
                    <td className="px-2 py-1.5 text-right tabular-nums">
                      {f.patients === null ? (
                        <span className="text-muted">not reported</span>
                      ) : (
                        <>
                          {formatCount(f.patients)}
                          {f.patientDatasets < f.withFigure && (
                            <span className="block text-xs text-muted">
                              from {f.patientDatasets} of {f.withFigure}
                            </span>
                          )}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      {shown.length === 0 && (
        <p className="text-muted">
          No finding or label matches &ldquo;{params.q}&rdquo;.{" "}
          <button type="button" onClick={() => void setParams({ q: null })} className="text-link underline">
            Clear the search
          </button>
        </p>
      )}
    </div>
  );
}

function slug(s: string): string {
  return s.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
}
