"use client";

import { useMemo } from "react";
import { useQueryStates } from "nuqs";
import { BreakdownChart, LabelBarChart } from "@/components/lazy-charts";
import { ChartExport } from "@/components/chart-export";
import { ChartFrame } from "@/components/chart-frame";
import { CooccurrenceTable } from "@/components/cooccurrence-table";
import { FacetFilter } from "@/components/facet-filter";
import { LabelTable } from "@/components/label-table";
import { Segmented } from "@/components/segmented";
import { toLabelFilters } from "@/lib/dataset-filters";
import { describeFilters } from "@/lib/describe-filters";
import { formatCount, formatPercent } from "@/lib/format";
import { describeLabelSeries, toLabelSeries } from "@/lib/label-chart";
import { AGE_BUCKETS, UNKNOWN, type RowsSummary } from "@/lib/label-summary";
import { computeLabelView, type Breakdown, type LabelView } from "@/lib/label-view";
import type { ChartExportData } from "@/lib/chart-export";
import { datasetParsers } from "@/lib/search-params";

interface LabelExplorerProps {
  summary: RowsSummary;
  /** The dataset's title or the file's name, for exported charts. */
  name: string;
}

export function LabelExplorer({ summary, name }: LabelExplorerProps) {
  const [params, setParams] = useQueryStates(datasetParsers, { history: "push" });
  const filters = useMemo(() => toLabelFilters(params, summary), [params, summary]);
  const view = useMemo(() => {
    // Measured by `npm run bench`: the time to recompute every figure after a filter change.
    performance.mark("label-view-start");
    const v = computeLabelView(summary, filters);
    performance.measure("label-view", "label-view-start");
    return v;
  }, [summary, filters]);

  const series = toLabelSeries(view, params, summary.unit);
  const source = `Source: ${summary.provenance.files[0]?.name ?? name}, ${summary.provenance.rowsRead ?? "?"} rows; Label Atlas`;
  const filterText = view.filtered ? `Filters: ${describeFilters(filters)}` : "Filters: none";
  const exportOf = (title: string, header: string[], rows: (string | number)[][], file: string) => ({
    meta: [`${name}: ${title}`, filterText, source],
    header,
    rows,
    filename: `${summary.dataset}-${file}`,
  });
  const toggleInclude = (label: string) =>
    void setParams({
      inc: filters.include.includes(label) ? filters.include.filter((l) => l !== label) : [...filters.include, label],
    });
  const labelCounts = new Map(view.labels.map((l) => [l.label, l.images]));
  const countsOf = (rows: Breakdown[]) => new Map(rows.map((r) => [r.value, r.images]));
  const coLabels = summary.labels.filter((l) => l !== summary.noFinding);
  const coIndex = coLabels.map((l) => summary.labels.indexOf(l));

  return (
    <div className="space-y-6">
      <section aria-labelledby="filters-title" className="space-y-3 rounded-lg border border-line bg-surface-2 p-4">
        <h2 id="filters-title" className="text-lg font-semibold">
          Filters
        </h2>
        <div className="flex flex-wrap items-end gap-2">
          <FacetFilter
            label="With labels"
            counts={labelCounts}
            chosen={filters.include}
            onChange={(inc) => void setParams({ inc })}
          />
          <FacetFilter
            label="Without labels"
            counts={labelCounts}
            chosen={filters.exclude}
            onChange={(exc) => void setParams({ exc })}
          />
          {summary.dims.sex.some((v) => v !== UNKNOWN) && (
            <FacetFilter
              label="Sex"
              counts={countsOf(view.sex)}
              chosen={filters.sex}
              onChange={(sex) => void setParams({ sex })}
            />
          )}
          {summary.dims.view.some((v) => v !== UNKNOWN) && (
            <FacetFilter
              label="View"
              counts={countsOf(view.view)}
              chosen={filters.view}
              onChange={(v) => void setParams({ view: v })}
            />
          )}
          {summary.dims.split.some((v) => v !== UNKNOWN) && (
            <FacetFilter
              label="Split"
              counts={countsOf(view.split)}
              chosen={filters.split}
              onChange={(split) => void setParams({ split })}
            />
          )}
          {view.age.some((a) => a.value !== UNKNOWN && a.images > 0) ||
          filters.ageFrom !== null ||
          filters.ageTo !== null ? (
            <AgeRange
              from={filters.ageFrom}
              to={filters.ageTo}
              onChange={(amin, amax) => void setParams({ amin, amax })}
            />
          ) : null}
          {view.filtered && (
            <button
              type="button"
              className="px-2 py-1.5 text-sm text-link underline"
              onClick={() =>
                void setParams({ inc: null, exc: null, sex: null, view: null, split: null, amin: null, amax: null })
              }
            >
              Clear filters
            </button>
          )}
        </div>
        <p role="status" className="text-sm" data-testid="filter-status">
          {view.filtered
            ? `Showing ${formatCount(view.images)} of ${formatCount(summary.images)} ${summary.unit}: ${describeFilters(filters)}.`
            : `Showing all ${formatCount(summary.images)} ${summary.unit}${summary.patients !== null ? ` of ${formatCount(summary.patients)} patients` : ""}.`}
          {filters.ageFrom !== null || filters.ageTo !== null
            ? " Images of unknown age are left out by an age range."
            : ""}
        </p>
      </section>

      <ChartFrame
        id="labels"
        title="Label distribution"
        exportData={exportOf(
          "label distribution",
          ["label", summary.unit, `% of ${summary.unit}`, "patients"],
          [...view.labels]
            .sort((a, b) => b.images - a.images)
            .map((l) => [l.label, l.images, Number((l.share * 100).toFixed(1)), l.patients ?? ""]),
          "labels",
        )}
        summary={series.ok ? describeLabelSeries(series) : series.reason}
        actions={
          <div className="flex flex-wrap gap-3">
            <Segmented
              legend="Show"
              value={params.metric}
              onChange={(metric) => void setParams({ metric })}
              options={[
                { value: "count", label: "Counts" },
                { value: "percent", label: "Percent" },
              ]}
            />
            {summary.patients !== null && (
              <Segmented
                legend="Count"
                value={params.level}
                onChange={(level) => void setParams({ level })}
                options={[
                  { value: "images", label: summary.unit },
                  { value: "patients", label: "patients" },
                ]}
              />
            )}
            <Segmented
              legend="Sort"
              value={params.order}
              onChange={(order) => void setParams({ order })}
              options={[
                { value: "count", label: "by count" },
                { value: "name", label: "by name" },
              ]}
            />
            <Segmented
              legend="Scale"
              value={params.scale}
              onChange={(scale) => void setParams({ scale })}
              options={[
                { value: "linear", label: "linear" },
                { value: "log", label: "log" },
              ]}
            />
          </div>
        }
        chart={
          series.ok ? (
            <LabelBarChart
              bars={series.bars}
              metric={params.metric}
              scale={params.scale}
              selected={filters.include}
              onSelect={toggleInclude}
            />
          ) : (
            <p className="rounded-md border border-note-line bg-note-bg p-3 text-sm">{series.reason}</p>
          )
        }
        table={
          <LabelTable
            labels={view.labels}
            unit={summary.unit}
            patientsMissing={summary.patients === null ? undefined : "not exact under filters"}
          />
        }
      />

      {coLabels.length > 1 && (
        <section aria-labelledby="co-title" className="min-w-0 space-y-2 rounded-lg border border-line p-4">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="co-title" className="text-lg font-semibold">
              Which labels occur together
            </h2>
            <div className="flex flex-wrap items-center gap-3">
              <ChartExport
                chartId="co-chart"
                formats={["csv"]}
                data={exportOf(
                  "images with both labels",
                  ["label", ...coLabels],
                  coIndex.map((i, r) => [coLabels[r]!, ...coIndex.map((j) => view.cooccurrence[i]![j]!)]),
                  "cooccurrence",
                )}
              />
              <Segmented
                legend="Cells"
                value={params.co}
                onChange={(co) => void setParams({ co })}
                options={[
                  { value: "count", label: "images" },
                  { value: "percent", label: "% of row label" },
                ]}
              />
            </div>
          </div>
          <p className="text-sm text-muted">
            Each cell counts the images carrying both labels
            {params.co === "percent"
              ? "; in percent, the share of the row label's images that also carry the column label"
              : ""}
            . Select a cell to filter to those images.
          </p>
          <div className="relative overflow-x-auto">
            <CooccurrenceTable
              labels={coLabels}
              matrix={coIndex.map((i) => coIndex.map((j) => view.cooccurrence[i]![j]!))}
              mode={params.co}
              onSelect={(a, b) => void setParams({ inc: [...new Set([...filters.include, a, b])] })}
            />
          </div>
        </section>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <BreakdownFrame
          exportData={exportOf(
            "labels per image",
            ["labels", summary.unit],
            view.labelsPerImage.map((b) => [b.labels, b.images]),
            "labels-per-image",
          )}
          id="per-image"
          title="Labels per image"
          rows={view.labelsPerImage.map((b) => ({ value: String(b.labels), images: b.images }))}
          unit={summary.unit}
          total={view.images}
          lead={`${summary.noFinding ? `Images with only "${summary.noFinding}" count as 0. ` : ""}`}
        />
        {summary.dims.sex.some((v) => v !== UNKNOWN) && (
          <BreakdownFrame
            id="sex"
            title="Sex"
            rows={view.sex}
            unit={summary.unit}
            total={view.images}
            exportData={exportOf(
              "sex",
              ["sex", summary.unit],
              view.sex.map((r) => [r.value, r.images]),
              "sex",
            )}
          />
        )}
        {view.age.some((a) => a.value !== UNKNOWN && a.images > 0) && (
          <BreakdownFrame
            id="age"
            title="Age (5-year groups)"
            rows={trimAge(view.age)}
            unit={summary.unit}
            total={view.images}
          />
        )}
        {summary.dims.view.some((v) => v !== UNKNOWN) && (
          <BreakdownFrame
            id="view"
            title="View position"
            rows={view.view}
            unit={summary.unit}
            total={view.images}
            exportData={exportOf(
              "view position",
              ["view", summary.unit],
              view.view.map((r) => [r.value, r.images]),
              "view",
            )}
          />
        )}
      </div>

      {summary.dims.split.some((v) => v !== UNKNOWN) && <SplitSection summary={summary} view={view} />}
      {summary.labelStates && <LabelStates summary={summary} />}
    </div>
  );
}

/** Leading and trailing empty age groups say nothing; "unknown" stays when it has images. */
function trimAge(rows: Breakdown[]): Breakdown[] {
  const known = rows.filter((r) => r.value !== UNKNOWN);
  const first = known.findIndex((r) => r.images > 0);
  const last = known.length - 1 - [...known].reverse().findIndex((r) => r.images > 0);
  const unknown = rows.find((r) => r.value === UNKNOWN);
  return [...known.slice(Math.max(0, first), last + 1), ...(unknown && unknown.images > 0 ? [unknown] : [])];
}

interface BreakdownFrameProps {
  id: string;
  title: string;
  rows: Breakdown[];
  unit: string;
  total: number;
  lead?: string;
  exportData?: ChartExportData;
}

function BreakdownFrame({ id, title, rows, unit, total, lead = "", exportData }: BreakdownFrameProps) {
  const top = [...rows].sort((a, b) => b.images - a.images)[0];
  const summary =
    top && total > 0
      ? `${lead}Largest group: ${top.value}, ${formatCount(top.images)} ${unit} (${formatPercent(top.images / total)}).`
      : `No ${unit} in view.`;
  return (
    <ChartFrame
      id={id}
      title={title}
      summary={summary}
      exportData={exportData}
      chart={
        <BreakdownChart
          data={rows.map((r) => ({ name: r.value, images: r.images }))}
          slanted={rows.length > 8}
          height={rows.length > 8 ? 230 : 200}
        />
      }
      table={
        <table className="text-left tabular-nums" data-testid={`${id}-table`}>
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-4">
                {title}
              </th>
              <th scope="col" className="py-1 pr-4 text-right">
                {unit}
              </th>
              <th scope="col" className="py-1 text-right">
                %
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.value} className="border-b border-line">
                <th scope="row" className="py-1 pr-4 font-normal">
                  {r.value}
                </th>
                <td className="py-1 pr-4 text-right">{formatCount(r.images)}</td>
                <td className="py-1 text-right">{total === 0 ? "–" : formatPercent(r.images / total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

function SplitSection({ summary, view }: { summary: RowsSummary; view: LabelView }) {
  const splits = summary.dims.split;
  return (
    <section aria-labelledby="split-title" className="space-y-3 rounded-lg border border-line p-4">
      <h2 id="split-title" className="text-lg font-semibold">
        Official splits
      </h2>
      <p className="text-sm" data-testid="leakage">
        {summary.patientsInSeveralSplits === null
          ? "Patients cannot be checked across splits: the metadata has no patient id."
          : summary.patientsInSeveralSplits === 0
            ? `No patient appears in more than one split (checked over all ${formatCount(summary.patients)} patients).`
            : `${formatCount(summary.patientsInSeveralSplits)} patients appear in more than one split: a model can meet the same patient in training and testing.`}
      </p>
      <div className="relative overflow-x-auto">
        <table className="text-left text-sm tabular-nums" data-testid="split-table">
          <caption className="sr-only">Images per label in each split</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-4">
                Label
              </th>
              {splits.map((s) => (
                <th key={s} scope="col" className="py-1 pr-4 text-right">
                  {s}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr className="border-b border-line font-semibold">
              <th scope="row" className="py-1 pr-4">
                All {summary.unit}
              </th>
              {view.split.map((s) => (
                <td key={s.value} className="py-1 pr-4 text-right">
                  {formatCount(s.images)}
                </td>
              ))}
            </tr>
            {summary.splitPatients && !view.filtered && (
              <tr className="border-b border-line">
                <th scope="row" className="py-1 pr-4 font-normal">
                  Patients
                </th>
                {summary.splitPatients.map((n, i) => (
                  <td key={splits[i]} className="py-1 pr-4 text-right">
                    {formatCount(n)}
                  </td>
                ))}
              </tr>
            )}
            {summary.labels.map((label, i) => (
              <tr key={label} className="border-b border-line">
                <th scope="row" className="py-1 pr-4 font-normal">
                  {label}
                </th>
                {view.labelBySplit[i]!.map((n, s) => (
                  <td key={splits[s]} className="py-1 pr-4 text-right">
                    {formatCount(n)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function LabelStates({ summary }: { summary: RowsSummary }) {
  return (
    <section aria-labelledby="states-title" className="space-y-2 rounded-lg border border-line p-4">
      <h2 id="states-title" className="text-lg font-semibold">
        Label states (whole dataset)
      </h2>
      <p className="text-sm text-muted">Uncertain (−1) and unlabelled (blank) are kept apart from negative (0).</p>
      <div className="relative overflow-x-auto">
        <table className="text-left text-sm tabular-nums">
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-4">
                Label
              </th>
              <th scope="col" className="py-1 pr-4 text-right">
                positive
              </th>
              <th scope="col" className="py-1 pr-4 text-right">
                negative
              </th>
              <th scope="col" className="py-1 pr-4 text-right">
                uncertain
              </th>
              <th scope="col" className="py-1 text-right">
                blank
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.labelStates!.map((s, i) => (
              <tr key={summary.labels[i]} className="border-b border-line">
                <th scope="row" className="py-1 pr-4 font-normal">
                  {summary.labels[i]}
                </th>
                <td className="py-1 pr-4 text-right">{formatCount(s.positive)}</td>
                <td className="py-1 pr-4 text-right">{formatCount(s.negative)}</td>
                <td className="py-1 pr-4 text-right">{formatCount(s.uncertain)}</td>
                <td className="py-1 text-right">{formatCount(s.blank)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function AgeRange({
  from,
  to,
  onChange,
}: {
  from: number | null;
  to: number | null;
  onChange: (from: number | null, to: number | null) => void;
}) {
  const options = AGE_BUCKETS.map((b, i) => ({ value: i * 5, label: b }));
  const toValue = (s: string) => (s === "" ? null : Number(s));
  return (
    <div className="flex items-end gap-2 text-sm">
      <label className="flex flex-col">
        <span className="text-muted">Age from</span>
        <select
          value={from ?? ""}
          onChange={(e) => onChange(toValue(e.target.value), to)}
          className="rounded-md border border-line bg-surface px-2 py-1.5"
        >
          <option value="">any</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label.split("-")[0]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        <span className="text-muted">to</span>
        <select
          value={to ?? ""}
          onChange={(e) => onChange(from, toValue(e.target.value))}
          className="rounded-md border border-line bg-surface px-2 py-1.5"
        >
          <option value="">any</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label.includes("-") ? o.label.split("-")[1] : o.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
