import { formatCount } from "@/lib/format";
import type { RowsSummary } from "@/lib/summary/model";
import { ScrollBox } from "@/components/ui/scroll-box";

export function LabelStates({ summary }: { summary: RowsSummary }) {
  return (
    <section aria-labelledby="states-title" className="space-y-2 rounded-lg border border-line p-4">
      <h2 id="states-title" className="text-lg font-semibold">
        Label states (whole dataset)
      </h2>
      <p className="text-sm text-muted">Uncertain (−1) and unlabelled (blank) are kept apart from negative (0).</p>
      <ScrollBox label="Label states table">
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
      </ScrollBox>
    </section>
  );
}
