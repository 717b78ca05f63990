"use client";

import { useQueryStates } from "nuqs";
import { useState } from "react";
import { ChartExport } from "@/components/charts/chart-export";
import { DownloadButton } from "@/components/share/download-button";
import { CompareChart } from "@/components/charts/lazy-charts";
import { Segmented } from "@/components/ui/segmented";
import type { Comparison } from "@/lib/compare/compare";
import { describeCell } from "@/lib/compare/view";
import { formatCount } from "@/lib/format";
import { compareParsers, MAX_COMPARE } from "@/lib/search-params";

interface DatasetOption {
  id: string;
  title: string;
  modality: string;
}

interface CompareControlsProps {
  options: DatasetOption[];
  /** Datasets whose per-image summary allows slices. */
  sliceable: DatasetOption[];
}

/** Which datasets, or which slices of one, and how to count: all of it in the URL. */
export function CompareControls({ options, sliceable }: CompareControlsProps) {
  const [params, setParams] = useQueryStates(compareParsers, { history: "push", shallow: false });
  const [query, setQuery] = useState("");
  const chosen = params.ids.filter((id) => options.some((o) => o.id === id));
  // A file from the explore page takes one of the places.
  const cap = params.local ? MAX_COMPARE - 1 : MAX_COMPARE;
  const matches = query.trim()
    ? options
        .filter(
          (o) =>
            !chosen.includes(o.id) &&
            `${o.title} ${o.id} ${o.modality}`.toLowerCase().includes(query.trim().toLowerCase()),
        )
        .slice(0, 8)
    : [];
  return (
    <div className="space-y-4 rounded-lg border border-line bg-surface-2 p-4">
      <Segmented
        legend="Compare"
        value={params.mode}
        onChange={(mode) =>
          void setParams({ mode, id: mode === "slices" && !params.id ? (sliceable[0]?.id ?? "") : params.id })
        }
        options={[
          { value: "datasets", label: "datasets" },
          { value: "slices", label: "slices of one dataset" },
        ]}
      />
      {params.mode === "datasets" ? (
        <div className="space-y-2">
          <ul className="flex flex-wrap gap-2" aria-label="Chosen datasets">
            {chosen.map((id) => (
              <li
                key={id}
                className="flex items-center gap-1 rounded-full border border-line bg-surface py-0.5 pr-1 pl-3 text-sm"
              >
                {options.find((o) => o.id === id)?.title}
                <button
                  type="button"
                  onClick={() => void setParams({ ids: chosen.filter((c) => c !== id) })}
                  aria-label={`Remove ${options.find((o) => o.id === id)?.title}`}
                  className="rounded-full px-1.5 hover:bg-surface-2"
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <div className="max-w-md">
            <label htmlFor="compare-add" className="mb-1 block text-sm font-medium">
              Add a dataset ({chosen.length} of {cap})
            </label>
            <input
              id="compare-add"
              type="search"
              value={query}
              disabled={chosen.length >= cap}
              onChange={(e) => setQuery(e.target.value)}
              placeholder="e.g. chexpert, skin, MRI"
              className="w-full rounded-md border border-line bg-surface px-3 py-2 disabled:opacity-50"
            />
            {matches.length > 0 && (
              <ul className="mt-1 rounded-md border border-line bg-surface">
                {matches.map((o) => (
                  <li key={o.id}>
                    <button
                      type="button"
                      onClick={() => {
                        setQuery("");
                        void setParams({ ids: [...chosen, o.id] });
                      }}
                      className="w-full px-3 py-1.5 text-left text-sm hover:bg-surface-2"
                    >
                      {o.title} <span className="text-muted">({o.modality})</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-4">
          <label className="text-sm">
            <span className="mr-2 font-medium">Dataset</span>
            <select
              value={params.id}
              onChange={(e) => void setParams({ id: e.target.value })}
              className="rounded-md border border-line bg-surface px-2 py-1.5"
            >
              {sliceable.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.title}
                </option>
              ))}
            </select>
          </label>
          <Segmented
            legend="Slices by"
            value={params.by}
            onChange={(by) => void setParams({ by })}
            options={[
              { value: "split", label: "split" },
              { value: "sex", label: "sex" },
              { value: "view", label: "view" },
              { value: "age", label: "age" },
            ]}
          />
        </div>
      )}
      <div className="flex flex-wrap gap-4">
        <Segmented
          legend="Show"
          value={params.metric}
          onChange={(metric) => void setParams({ metric })}
          options={[
            { value: "percent", label: "percent" },
            { value: "count", label: "counts" },
          ]}
        />
        {params.mode === "datasets" && (
          <Segmented
            legend="Count"
            value={params.level}
            onChange={(level) => void setParams({ level })}
            options={[
              { value: "images", label: "images" },
              { value: "patients", label: "patients" },
            ]}
          />
        )}
        <Segmented
          legend="Sort"
          value={params.sort}
          onChange={(sort) => void setParams({ sort })}
          options={[
            { value: "difference", label: "largest difference" },
            { value: "prevalence", label: "prevalence" },
            { value: "name", label: "name" },
          ]}
        />
      </div>
    </div>
  );
}

interface CompareResultProps {
  comparison: Comparison;
  metric: "percent" | "count";
  requestedLevel: "images" | "patients";
}

export function CompareResult({ comparison, metric, requestedLevel }: CompareResultProps) {
  const { columns, rows, divergences, level } = comparison;
  const title = (id: string) => columns.find((c) => c.id === id)?.title ?? id;
  return (
    <div className="space-y-6">
      {requestedLevel === "patients" && level === "images" && (
        <p className="rounded-md border border-note-line bg-note-bg p-3 text-sm">
          Not every chosen dataset has exact patient counts per label, so the comparison counts images.
        </p>
      )}
      <section aria-labelledby="prevalence-title" className="min-w-0 space-y-2 rounded-lg border border-line p-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="prevalence-title" className="text-lg font-semibold">
            Prevalence per finding
          </h2>
          <DownloadButton
            filename="label-atlas-comparison.csv"
            label="Download CSV"
            getText={async () => (await import("@/lib/compare/view")).toComparisonCsv(comparison)}
          />
        </div>
        <ul className="text-sm text-muted" data-testid="denominators">
          {columns.map((c) => (
            <li key={c.id}>
              {c.title}: {metric === "percent" ? "percent of " : "out of "}
              {c.denominator === null ? "no published total" : `${formatCount(c.denominator)} ${c.unit}`}
              {c.note ? ` (${c.note})` : ""}
            </li>
          ))}
        </ul>
        <div className="flex justify-end">
          <ChartExport
            chartId="compare-chart"
            data={{
              meta: [
                `Compare: ${columns.map((c) => c.title).join(" · ")}`,
                `${metric === "percent" ? "percent" : "count"} of ${level}`,
                "Source: Label Atlas, data/ontology.csv and each dataset's summary",
              ],
              header: ["finding", ...columns.map((c) => c.title)],
              rows: rows.map((r) => [r.finding, ...r.cells.map((cell) => describeCell(cell, metric))]),
              filename: "label-atlas-comparison-chart",
            }}
          />
        </div>
        <div aria-hidden="true" id="compare-chart">
          <CompareChart comparison={comparison} metric={metric} />
        </div>
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm tabular-nums" data-testid="compare-table">
            <caption className="sr-only">Images per finding in each dataset, with the original labels</caption>
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-1 pr-4">
                  Finding
                </th>
                {columns.map((c) => (
                  <th key={c.id} scope="col" className="py-1 pr-4">
                    {c.title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.finding} className="border-b border-line align-top">
                  <th scope="row" className="py-1 pr-4 font-normal">
                    {r.finding}
                  </th>
                  {r.cells.map((cell, i) => (
                    <td key={columns[i]!.id} className="py-1 pr-4">
                      <span className={cell.status === "counted" ? "font-medium" : "text-muted italic"}>
                        {describeCell(cell, metric)}
                      </span>
                      {cell.status === "counted" && metric === "percent" && (
                        <span className="text-muted"> ({formatCount(cell.count)})</span>
                      )}
                      {cell.status !== "not-labelled" && (
                        <span className="block text-xs text-muted">
                          {cell.labels
                            .map((l) => `${l.label}${l.relation === "exact" ? "" : ` (${l.relation})`}`)
                            .join(", ")}
                          {cell.status === "no-figure" ? ` · ${cell.reason}` : ""}
                        </span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
              <tr className="font-semibold">
                <th scope="row" className="py-1 pr-4">
                  Total {level}
                </th>
                {columns.map((c) => (
                  <td key={c.id} className="py-1 pr-4">
                    {c.denominator === null ? "not reported" : formatCount(c.denominator)}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="jsd-title" className="space-y-2 rounded-lg border border-line p-4">
        <h2 id="jsd-title" className="text-lg font-semibold">
          How different are the label mixes?
        </h2>
        <p className="text-sm text-muted">
          Jensen-Shannon divergence between the prevalences of the findings both sides count, each set scaled to sum to
          1: 0 means the same mix, 1 means no overlap at all. It says nothing about findings only one side labels.
        </p>
        <ul className="text-sm" data-testid="divergences">
          {divergences.map((d) => (
            <li key={`${d.a}-${d.b}`}>
              {title(d.a)} vs {title(d.b)}:{" "}
              {d.jsd === null
                ? `not enough shared findings (${d.shared})`
                : `${d.jsd.toFixed(3)} over ${d.shared} shared findings`}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
