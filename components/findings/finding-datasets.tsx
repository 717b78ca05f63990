"use client";

import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useMemo } from "react";
import { ChartExport } from "@/components/charts/chart-export";
import { LabelBars } from "@/components/charts/label-bars";
import { DownloadButton } from "@/components/share/download-button";
import { COMMERCIAL_USE } from "@/lib/catalog/vocabulary";
import { filterRows, NOT_REPORTED_ACCESS, sortRows, totalsOf, type FindingDatasetRow } from "@/lib/findings/findings";
import { describePositives, describeTotals, formatAccess } from "@/lib/findings/view";
import { formatCount, formatPercent, NOT_REPORTED } from "@/lib/format";
import {
  DEFAULT_FINDING_SORT,
  FINDING_ACCESS,
  findingParsers,
  MAX_COMPARE,
  MIN_COMPARE,
  serializeCompareParams,
} from "@/lib/search-params";
import { cn } from "@/lib/utils";

interface FindingDatasetsProps {
  name: string;
  rows: FindingDatasetRow[];
  /** Embeds show the figures only: no ticking for compare. */
  embed?: boolean;
}

const SORTABLE = [
  { id: "positives", label: "Positives" },
  { id: "prevalence", label: "Prevalence" },
  { id: "patients", label: "Patients" },
] as const;

/** The datasets that label one finding, filtered by access and commercial use; every choice is in the URL. */
export function FindingDatasets({ name, rows, embed = false }: FindingDatasetsProps) {
  const [params, setParams] = useQueryStates(findingParsers, { history: "push" });
  const filters = { access: params.access, commercial: params.commercial };
  const shown = useMemo(
    () => sortRows(filterRows(rows, { access: params.access, commercial: params.commercial }), params.sort),
    [rows, params.access, params.commercial, params.sort],
  );
  const totals = totalsOf(shown);
  const selected = params.sel.filter((id) => shown.some((r) => r.id === id));
  // Only pairs that both add a figure to the total count images twice.
  const overlaps = shown.flatMap((r) =>
    r.positives === null
      ? []
      : r.derivedFrom.flatMap((p) => {
          const parent = shown.find((s) => s.id === p && s.positives !== null && s.unit === r.unit);
          return parent ? [{ child: r.title, parent: parent.title }] : [];
        }),
  );
  const charted = shown.filter((r) => r.prevalence !== null);
  const bars = charted.map((r) => ({
    label: r.title,
    value: r.prevalence! * 100,
    count: r.positives!,
    percent: r.prevalence! * 100,
    isNoFinding: false,
  }));

  function toggle(key: "access" | "commercial", value: string, on: boolean) {
    const current: string[] = params[key];
    const next = on ? [...current, value] : current.filter((v) => v !== value);
    void setParams({ [key]: next.length > 0 ? next : null });
  }

  function sortBy(id: string) {
    const desc = params.sort.id === id ? !params.sort.desc : id !== "title";
    const next = { id, desc };
    void setParams({
      sort: next.id === DEFAULT_FINDING_SORT.id && next.desc === DEFAULT_FINDING_SORT.desc ? null : next,
    });
  }

  const facet = (key: "access" | "commercial", legend: string, values: readonly string[]) => {
    const value = (r: FindingDatasetRow) => (key === "access" ? (r.access ?? NOT_REPORTED_ACCESS) : r.commercialUse);
    const present = values.filter((v) => rows.some((r) => value(r) === v) || params[key].includes(v as never));
    return (
      <fieldset className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <legend className="float-left mr-2 font-medium">{legend}</legend>
        {present.map((v) => (
          <label key={v} className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={(params[key] as string[]).includes(v)}
              onChange={(e) => toggle(key, v, e.target.checked)}
              className="size-4 accent-(--accent)"
            />
            {key === "access" ? formatAccess(v) : v}
            <span className="text-xs text-muted tabular-nums">({rows.filter((r) => value(r) === v).length})</span>
          </label>
        ))}
      </fieldset>
    );
  };

  return (
    <div className="space-y-4">
      <div className="space-y-2 rounded-lg border border-line bg-surface-2 p-3">
        {facet("access", "Access", FINDING_ACCESS)}
        {facet("commercial", "Commercial use", COMMERCIAL_USE)}
      </div>
      <p className="text-lg font-semibold" data-testid="finding-total" aria-live="polite">
        {describeTotals(totals, filters)}
        {totals.patients !== null && (
          <span className="block text-sm font-normal text-muted">
            {formatCount(totals.patients)} patients where the dataset reports them (
            {shown.filter((r) => r.patients !== null).length} of {shown.length})
          </span>
        )}
      </p>
      {overlaps.length > 0 && (
        <p className="rounded-md border-l-4 border-note-line bg-note-bg px-4 py-2 text-sm" data-testid="overlap-note">
          Built from one another, so their images overlap and the total may count some twice:{" "}
          {overlaps.map((o) => `${o.child} from ${o.parent}`).join("; ")}.
        </p>
      )}
      {!embed && (
        <div className="flex flex-wrap items-center gap-3">
          {selected.length >= MIN_COMPARE && selected.length <= MAX_COMPARE ? (
            <Link
              href={`/compare${serializeCompareParams({ ids: selected })}`}
              className="rounded-md bg-accent px-3 py-2 text-sm font-medium text-white dark:text-black"
            >
              Compare selected ({selected.length})
            </Link>
          ) : (
            <span className="rounded-md border border-line px-3 py-2 text-sm text-muted" aria-disabled="true">
              Compare: tick {MIN_COMPARE} to {MAX_COMPARE} datasets ({selected.length} ticked)
            </span>
          )}
          <DownloadButton
            filename={`label-atlas-finding.csv`}
            label="Download CSV"
            getText={async () => (await import("@/lib/findings/view")).toFindingRowsCsv(name, shown)}
          />
        </div>
      )}
      <div className="relative overflow-x-auto rounded-lg border border-line">
        <table className="w-full min-w-[64rem] text-left text-sm" data-testid="finding-table">
          <caption className="sr-only">
            Datasets that label {name}: positives, prevalence, patients, how the labels were made and the terms of use
          </caption>
          <thead>
            <tr className="border-b border-line bg-surface-2 align-bottom">
              {!embed && (
                <th scope="col" className="px-2 py-2">
                  <span className="sr-only">Compare</span>
                </th>
              )}
              <th scope="col" className="px-2 py-2" aria-sort={ariaSort(params.sort, "title")}>
                <SortButton label="Dataset" id="title" sort={params.sort} onSort={sortBy} />
              </th>
              <th scope="col" className="px-2 py-2">
                Label (relation)
              </th>
              {SORTABLE.map((c) => (
                <th key={c.id} scope="col" className="px-2 py-2 text-right" aria-sort={ariaSort(params.sort, c.id)}>
                  <SortButton label={c.label} id={c.id} sort={params.sort} onSort={sortBy} />
                </th>
              ))}
              <th scope="col" className="px-2 py-2">
                Label source
              </th>
              <th scope="col" className="px-2 py-2">
                How positives were labelled
              </th>
              <th scope="col" className="px-2 py-2">
                Access · licence · commercial use
              </th>
              <th scope="col" className="px-2 py-2">
                Splits
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id} className="border-b border-line align-top" data-testid={`row-${r.id}`}>
                {!embed && (
                  <td className="px-2 py-2">
                    <input
                      type="checkbox"
                      aria-label={`Select ${r.title} to compare`}
                      checked={selected.includes(r.id)}
                      onChange={(e) =>
                        void setParams({
                          sel: e.target.checked ? [...selected, r.id] : selected.filter((s) => s !== r.id),
                        })
                      }
                      className="size-4 accent-(--accent)"
                    />
                  </td>
                )}
                <th scope="row" className="px-2 py-2 font-normal">
                  <Link href={`/datasets/${r.id}`} className="font-medium text-link underline">
                    {r.title}
                  </Link>
                  <span className="block text-xs text-muted">
                    {r.modality}
                    {r.imaging ? ` · ${r.imaging}` : ""}
                  </span>
                </th>
                <td className="px-2 py-2">
                  <ul>
                    {r.labels.map((l) => (
                      <li key={l.label}>
                        <a href={l.sourceUrl} rel="noopener noreferrer" className="underline decoration-dotted">
                          {l.label}
                        </a>{" "}
                        <span className={cn("text-xs", l.relation === "exact" ? "text-muted" : "font-medium")}>
                          ({l.relation})
                        </span>
                        {l.note && <span className="block text-xs text-muted">{l.note}</span>}
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="px-2 py-2 text-right tabular-nums" data-testid="positives">
                  <span className={r.positives === null ? "text-muted italic" : "font-medium"}>
                    {describePositives(r)}
                  </span>
                  {r.reason && <span className="block text-xs text-muted">{r.reason}</span>}
                </td>
                <td className="px-2 py-2 text-right tabular-nums">
                  {r.prevalence === null ? (
                    <span className="text-muted">{r.positives === null ? "" : NOT_REPORTED}</span>
                  ) : (
                    <>
                      {formatPercent(r.prevalence)}
                      <span className="block text-xs text-muted">
                        of {formatCount(r.denominator)} {r.unit}
                      </span>
                    </>
                  )}
                </td>
                <td className="px-2 py-2 text-right tabular-nums">
                  {r.patients === null ? <span className="text-muted">{NOT_REPORTED}</span> : formatCount(r.patients)}
                </td>
                <td className="px-2 py-2">
                  {r.labelSource ?? <span className="text-muted">none in this catalog</span>}
                  {r.figureSources.map((url) => (
                    <a
                      key={url}
                      href={url}
                      rel="noopener noreferrer"
                      className="block text-xs break-all text-link underline"
                    >
                      {new URL(url).hostname}
                    </a>
                  ))}
                  {r.labelSource && r.figureNote && <span className="block text-xs text-muted">{r.figureNote}</span>}
                </td>
                <td className="px-2 py-2">
                  {r.labelling ? (
                    <>
                      <a href={r.labelling.sourceUrl} rel="noopener noreferrer" className="text-link underline">
                        {r.labelling.method}
                      </a>
                      {r.labelling.note && <span className="block text-xs text-muted">{r.labelling.note}</span>}
                    </>
                  ) : (
                    <span className="text-muted">{NOT_REPORTED}</span>
                  )}
                </td>
                <td className="px-2 py-2">
                  {r.access ?? "access not reported"}
                  <span className="block text-xs">{r.license ?? "licence not reported"}</span>
                  <span className="block text-xs">commercial use: {r.commercialUse}</span>
                </td>
                <td className="px-2 py-2">
                  {r.splits.length > 0 ? r.splits.join(", ") : <span className="text-muted">{NOT_REPORTED}</span>}
                </td>
              </tr>
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={embed ? 9 : 10} className="px-2 py-4 text-center text-muted">
                  No dataset that labels {name} matches these filters.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {bars.length > 0 && (
        <section aria-labelledby="prevalence-chart-title" className="space-y-2 rounded-lg border border-line p-4">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="prevalence-chart-title" className="text-lg font-semibold">
              Prevalence in each dataset
            </h2>
            <ChartExport
              chartId="finding-chart"
              data={{
                meta: [
                  `${name}: prevalence per dataset`,
                  describeTotals(totals, filters),
                  "Source: Label Atlas, data/ontology.csv and each dataset's summary",
                ],
                header: ["dataset", "positives", "unit", "prevalence %"],
                rows: charted.map((r) => [r.title, r.positives!, r.unit, Number((r.prevalence! * 100).toFixed(3))]),
                filename: "label-atlas-finding-chart",
              }}
            />
          </div>
          <p className="text-sm text-muted">
            Share of each dataset&apos;s {[...new Set(charted.map((r) => r.unit))].join(" or ")} that carry the finding;
            the table above has the same figures.
          </p>
          <div aria-hidden="true" id="finding-chart">
            <LabelBars bars={bars} metric="percent" scale="linear" selected={[]} />
          </div>
        </section>
      )}
    </div>
  );
}

function ariaSort(sort: { id: string; desc: boolean }, id: string): "ascending" | "descending" | undefined {
  if (sort.id !== id) return undefined;
  return sort.desc ? "descending" : "ascending";
}

interface SortButtonProps {
  label: string;
  id: string;
  sort: { id: string; desc: boolean };
  onSort: (id: string) => void;
}

function SortButton({ label, id, sort, onSort }: SortButtonProps) {
  const active = sort.id === id;
  return (
    <button type="button" onClick={() => onSort(id)} className="font-semibold hover:underline">
      {label}
      <span aria-hidden="true" className="ml-1 text-muted">
        {active ? (sort.desc ? "↓" : "↑") : "↕"}
      </span>
    </button>
  );
}
