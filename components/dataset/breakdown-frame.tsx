import { Bars } from "@/components/charts/bars";
import { ChartFrame } from "@/components/charts/chart-frame";
import { formatCount, formatPercent } from "@/lib/format";
import type { ChartExportData } from "@/lib/share/chart-export";
import { UNKNOWN } from "@/lib/summary/model";
import type { Breakdown } from "@/lib/summary/view";

export /** Leading and trailing empty age groups say nothing; "unknown" stays when it has images. */
function trimAge(rows: Breakdown[]): Breakdown[] {
  const known = rows.filter((r) => r.value !== UNKNOWN);
  const first = known.findIndex((r) => r.images > 0);
  const last = known.length - 1 - [...known].reverse().findIndex((r) => r.images > 0);
  const unknown = rows.find((r) => r.value === UNKNOWN);
  return [...known.slice(Math.max(0, first), last + 1), ...(unknown && unknown.images > 0 ? [unknown] : [])];
}

export interface BreakdownFrameProps {
  id: string;
  title: string;
  rows: Breakdown[];
  unit: string;
  total: number;
  lead?: string;
  exportData?: ChartExportData;
}

export function BreakdownFrame({ id, title, rows, unit, total, lead = "", exportData }: BreakdownFrameProps) {
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
        <Bars
          bars={rows.map((r) => ({
            label: r.value,
            value: r.images,
            text: formatCount(r.images),
            title: `${r.value}: ${formatCount(r.images)} ${unit}${total > 0 ? ` (${formatPercent(r.images / total)})` : ""}`,
            fill: "var(--chart-1)",
          }))}
          scale="linear"
          tickText={formatCount}
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
