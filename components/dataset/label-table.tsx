import { formatCount, formatPercent } from "@/lib/format";
import type { LabelCount } from "@/lib/summary/view";

interface LabelTableProps {
  labels: LabelCount[];
  unit: string;
  /** Shown in the patients column when a count is null; leave out to drop the column. */
  patientsMissing?: string;
}

/** The label chart's table twin: images, share and (where the data has them) patients per label. */
export function LabelTable({ labels, unit, patientsMissing }: LabelTableProps) {
  const withPatients = patientsMissing !== undefined;
  return (
    <table className="w-full max-w-xl text-left tabular-nums" data-testid="label-table">
      <caption className="sr-only">{withPatients ? `${unit} and patients per label` : `${unit} per label`}</caption>
      <thead>
        <tr className="border-b border-line">
          <th scope="col" className="py-1 pr-4">
            Label
          </th>
          <th scope="col" className="py-1 pr-4 text-right">
            {unit}
          </th>
          <th scope="col" className="py-1 pr-4 text-right">
            % of {unit}
          </th>
          {withPatients && (
            <th scope="col" className="py-1 text-right">
              Patients
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {[...labels]
          .sort((a, b) => b.images - a.images)
          .map((l) => (
            <tr key={l.label} className="border-b border-line">
              <th scope="row" className="py-1 pr-4 font-normal">
                {l.label}
              </th>
              <td className="py-1 pr-4 text-right">{formatCount(l.images)}</td>
              <td className="py-1 pr-4 text-right">{formatPercent(l.share)}</td>
              {withPatients && (
                <td className="py-1 text-right">{l.patients === null ? patientsMissing : formatCount(l.patients)}</td>
              )}
            </tr>
          ))}
      </tbody>
    </table>
  );
}
