import { ChartFrame } from "@/components/charts/chart-frame";
import { LabelBarChart } from "@/components/charts/lazy-charts";
import { formatCount, NOT_REPORTED } from "@/lib/format";
import { publishedBars } from "@/lib/summary/published-view";
import type { PublishedSummary } from "@/lib/summary/model";

interface PublishedLabelsProps {
  summary: PublishedSummary;
}

const splitName = (s: string) => (s === "" ? "whole dataset" : s);

export function PublishedLabels({ summary }: PublishedLabelsProps) {
  const chart = publishedBars(summary);
  return (
    <div className="space-y-6">
      <p className="rounded-md border-l-4 border-note-line bg-note-bg px-4 py-3 text-sm">
        Only published per-label counts exist here. Co-occurrence, labels per image, sex, age and view breakdowns and
        filters need the per-image metadata, which this catalog does not hold for this dataset.
      </p>
      {chart ? (
        <ChartFrame
          id="labels"
          title={`Label distribution (${splitName(chart.split)})`}
          summary={chart.description}
          exportData={{
            meta: [
              `${summary.dataset}: published label counts (${splitName(chart.split)})`,
              "Filters: none",
              `Source: ${summary.sources.join(" ")}`,
            ],
            header: ["label", summary.unit],
            rows: chart.bars.map((b) => [b.label, b.count]),
            filename: `${summary.dataset}-labels`,
          }}
          chart={<LabelBarChart bars={chart.bars} metric="count" scale="linear" selected={[]} />}
          table={<PublishedTable summary={summary} />}
        />
      ) : (
        <section className="space-y-2 rounded-lg border border-line p-4">
          <h2 className="text-lg font-semibold">Published totals</h2>
          <p className="text-sm text-muted">The sources give totals only, no count per label.</p>
          <PublishedTable summary={summary} />
        </section>
      )}
    </div>
  );
}

function PublishedTable({ summary }: PublishedLabelsProps) {
  const cell = (n: number | null | undefined) => (n === null || n === undefined ? NOT_REPORTED : formatCount(n));
  return (
    <table className="text-left text-sm tabular-nums" data-testid="label-table">
      <caption className="sr-only">Published counts per label and split</caption>
      <thead>
        <tr className="border-b border-line">
          <th scope="col" className="py-1 pr-4">
            Label
          </th>
          {summary.splits.map((s) => (
            <th key={s} scope="col" className="py-1 pr-4 text-right">
              {splitName(s)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {summary.labels.map((label) => (
          <tr key={label} className="border-b border-line">
            <th scope="row" className="py-1 pr-4 font-normal">
              {label}
            </th>
            {summary.splits.map((s) => (
              <td key={s} className="py-1 pr-4 text-right">
                {cell(summary.counts[s]?.[label])}
              </td>
            ))}
          </tr>
        ))}
        <tr className="border-b border-line font-semibold">
          <th scope="row" className="py-1 pr-4">
            Total {summary.unit}
          </th>
          {summary.splits.map((s) => (
            <td key={s} className="py-1 pr-4 text-right">
              {cell(summary.totals[s])}
            </td>
          ))}
        </tr>
        {summary.splits.some((s) => summary.totalPatients[s] != null) && (
          <tr className="border-b border-line">
            <th scope="row" className="py-1 pr-4 font-normal">
              Patients
            </th>
            {summary.splits.map((s) => (
              <td key={s} className="py-1 pr-4 text-right">
                {cell(summary.totalPatients[s])}
              </td>
            ))}
          </tr>
        )}
      </tbody>
    </table>
  );
}
