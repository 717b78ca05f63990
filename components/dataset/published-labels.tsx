import { ChartFrame } from "@/components/charts/chart-frame";
import { LabelBars } from "@/components/charts/label-bars";
import { formatCount, NOT_REPORTED } from "@/lib/format";
import { publishedBars } from "@/lib/summary/published-view";
import type { PublishedSummary } from "@/lib/summary/model";
import { ScrollBox } from "@/components/ui/scroll-box";

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
          chart={<LabelBars bars={chart.bars} metric="count" scale="linear" selected={[]} />}
          table={<PublishedTable summary={summary} />}
        />
      ) : null}
      {summary.states.length > 0 && <PublishedStates summary={summary} />}
      {chart ? null : (
        <section className="space-y-2 rounded-lg border border-line p-4">
          <h2 className="text-lg font-semibold">Published totals</h2>
          <p className="text-sm text-muted">The sources give totals only, no count per label.</p>
          <PublishedTable summary={summary} />
        </section>
      )}
    </div>
  );
}

const cell = (n: number | null | undefined) => (n === null || n === undefined ? NOT_REPORTED : formatCount(n));

function PublishedTable({ summary }: PublishedLabelsProps) {
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

const STATE_COLUMNS = ["positive", "uncertain", "negative", "disagreement"] as const;

/** Positive, uncertain, negative (and labeller disagreement) counts as the source publishes them. */
function PublishedStates({ summary }: PublishedLabelsProps) {
  const splits = [
    ...new Set([...summary.splits.filter((s) => summary.counts[s]), ...summary.states.map((s) => s.split)]),
  ];
  const present = STATE_COLUMNS.filter((c) => c === "positive" || summary.states.some((s) => s.state === c));
  const count = (split: string, label: string, state: (typeof STATE_COLUMNS)[number]) =>
    state === "positive"
      ? summary.counts[split]?.[label]
      : summary.states.find((s) => s.split === split && s.label === label && s.state === state)?.count;
  return (
    <section aria-labelledby="states-title" className="space-y-2 rounded-lg border border-line p-4">
      <h2 id="states-title" className="text-lg font-semibold">
        Label states as published
      </h2>
      <p className="text-sm text-muted">
        The source counts {summary.unit} for each label as positive, uncertain or negative
        {present.includes("disagreement") ? ", and where its two labellers disagree" : ""}. A blank cell is not reported
        by the source.
      </p>
      {splits.map((split) => (
        <ScrollBox key={split} label={`Label states, ${splitName(split)}`}>
          <table className="text-left text-sm tabular-nums" data-testid={`states-${split || "all"}`}>
            <caption className="py-1 text-left font-medium">{splitName(split)}</caption>
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-1 pr-4">
                  Label
                </th>
                {present.map((c) => (
                  <th key={c} scope="col" className="py-1 pr-4 text-right">
                    {c}
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
                  {present.map((c) => (
                    <td key={c} className="py-1 pr-4 text-right">
                      {cell(count(split, label, c))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      ))}
    </section>
  );
}
