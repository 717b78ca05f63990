import { formatCount } from "@/lib/format";
import type { RowsSummary } from "@/lib/summary/model";
import type { LabelView } from "@/lib/summary/view";
import { ScrollBox } from "@/components/ui/scroll-box";

export function SplitSection({ summary, view }: { summary: RowsSummary; view: LabelView }) {
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
      <ScrollBox label="Images per label in each split">
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
      </ScrollBox>
    </section>
  );
}
