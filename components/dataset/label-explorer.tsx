"use client";

import { useMemo } from "react";
import { useQueryStates } from "nuqs";
import { LabelBars } from "@/components/charts/label-bars";
import { AgeRange } from "@/components/dataset/age-range";
import { BoxSection } from "@/components/dataset/box-section";
import { BreakdownFrame, trimAge } from "@/components/dataset/breakdown-frame";
import { GroupSection } from "@/components/dataset/group-section";
import { LabelStates } from "@/components/dataset/label-states";
import { SplitSection } from "@/components/dataset/split-section";
import { ChartExport } from "@/components/charts/chart-export";
import { ChartFrame } from "@/components/charts/chart-frame";
import { CooccurrenceTable } from "@/components/dataset/cooccurrence-table";
import { FacetFilter } from "@/components/catalog/facet-filter";
import { LabelTable } from "@/components/dataset/label-table";
import { Segmented } from "@/components/ui/segmented";
import { toLabelFilters } from "@/lib/summary/filters";
import { describeFilters } from "@/lib/summary/describe-filters";
import { formatCount } from "@/lib/format";
import { describeLabelSeries, toLabelSeries } from "@/lib/summary/chart";
import { UNKNOWN, type RowsSummary } from "@/lib/summary/model";
import { computeLabelView, type Breakdown } from "@/lib/summary/view";
import { ATTRIBUTE_PREFIX, attributeParsers, datasetParsers } from "@/lib/search-params";
import { OffscreenDeferred } from "@/components/ui/near-screen";
import { ScrollBox } from "@/components/ui/scroll-box";
import { publicSourceUrl } from "@/lib/summary/source";

interface LabelExplorerProps {
  summary: RowsSummary;
  /** The dataset's title or the file's name, for exported charts. */
  name: string;
}

export function LabelExplorer({ summary, name }: LabelExplorerProps) {
  const parsers = useMemo(
    () => ({ ...datasetParsers, ...attributeParsers(summary.attributes.map((a) => a.key)) }),
    [summary],
  );
  const [params, setParams] = useQueryStates(parsers, { history: "push" });
  const filters = useMemo(
    () => toLabelFilters(params as typeof params & Record<string, string[]>, summary),
    [params, summary],
  );
  const attributeNames = Object.fromEntries(summary.attributes.map((a) => [a.key, a.name]));
  const view = useMemo(() => {
    // Measured by `npm run bench`: the time to recompute every figure after a filter change.
    performance.mark("label-view-start");
    const v = computeLabelView(summary, filters);
    performance.measure("label-view", "label-view-start");
    return v;
  }, [summary, filters]);

  const series = toLabelSeries(view, params, summary.unit);
  const publishedAt = publicSourceUrl(summary);
  const source = `Source: ${summary.provenance.files[0]?.name ?? name}, ${summary.provenance.rowsRead ?? "?"} rows${publishedAt ? ` (${publishedAt})` : ""}; Label Atlas`;
  const filterText = view.filtered ? `Filters: ${describeFilters(filters, attributeNames)}` : "Filters: none";
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
          {view.attributes.map((a) => (
            <FacetFilter
              key={a.key}
              label={a.name}
              counts={countsOf(a.values)}
              chosen={filters.attributes[a.key] ?? []}
              onChange={(values) => void setParams({ [`${ATTRIBUTE_PREFIX}${a.key}`]: values })}
            />
          ))}
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
                void setParams({
                  inc: null,
                  exc: null,
                  sex: null,
                  view: null,
                  split: null,
                  amin: null,
                  amax: null,
                  ...Object.fromEntries(summary.attributes.map((a) => [`${ATTRIBUTE_PREFIX}${a.key}`, null])),
                })
              }
            >
              Clear filters
            </button>
          )}
        </div>
        <p role="status" className="text-sm" data-testid="filter-status">
          {view.filtered
            ? `Showing ${formatCount(view.images)} of ${formatCount(summary.images)} ${summary.unit}: ${describeFilters(filters, attributeNames)}.`
            : `Showing all ${formatCount(summary.images)} ${summary.unit}${ofWhom(summary)}.`}
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
            <LabelBars
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

      {coLabels.length > 1 && summary.labelSets.some((set) => set.length > 1) && (
        <OffscreenDeferred>
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
            <ScrollBox label="Co-occurrence table">
              <CooccurrenceTable
                labels={coLabels}
                matrix={coIndex.map((i) => coIndex.map((j) => view.cooccurrence[i]![j]!))}
                mode={params.co}
                onSelect={(a, b) => void setParams({ inc: [...new Set([...filters.include, a, b])] })}
              />
            </ScrollBox>
          </section>
        </OffscreenDeferred>
      )}

      <OffscreenDeferred className="grid gap-6 lg:grid-cols-2">
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
            exportData={exportOf(
              "age (5-year groups)",
              ["age", summary.unit],
              trimAge(view.age).map((r) => [r.value, r.images]),
              "age",
            )}
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
      </OffscreenDeferred>

      {view.attributes.length > 0 && (
        <OffscreenDeferred className="grid gap-6 lg:grid-cols-2">
          {view.attributes.map((a) => (
            <BreakdownFrame
              key={a.key}
              id={`attr-${a.key}`}
              title={a.kind === "numeric" ? `${a.name}${a.unit ? ` (${a.unit})` : ""}` : a.name}
              rows={a.values}
              unit={summary.unit}
              total={view.images}
              lead={
                a.kind === "numeric"
                  ? `Bins of ${a.name}${a.unit ? ` in ${a.unit}` : ""}: each from its lower edge up to the next; the last is open. `
                  : ""
              }
              exportData={exportOf(
                a.name,
                [a.name, summary.unit],
                a.values.map((r) => [r.value, r.images]),
                `attr-${a.key}`,
              )}
            />
          ))}
        </OffscreenDeferred>
      )}

      <OffscreenDeferred className="space-y-6">
        {summary.dims.split.some((v) => v !== UNKNOWN) && <SplitSection summary={summary} view={view} />}
        {summary.groups.map((g) => (
          <GroupSection key={g.key} summary={summary} group={g} />
        ))}
        {summary.boxes && <BoxSection boxes={summary.boxes} unit={summary.unit} exportOf={exportOf} />}
        {summary.labelStates && <LabelStates summary={summary} />}
      </OffscreenDeferred>
    </div>
  );
}

/** " of 30,805 patients", " of 7,470 lesions", or nothing when the file names no such unit. */
function ofWhom(summary: RowsSummary): string {
  const units = [
    ...(summary.patients !== null ? [`${formatCount(summary.patients)} patients`] : []),
    ...summary.groups.map((g) => `${formatCount(g.total)} ${g.name}`),
  ];
  return units.length > 0 ? ` of ${units.join(" and ")}` : "";
}
