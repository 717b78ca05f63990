import { formatCount } from "@/lib/format";
import type { RowsSummary, SummaryGroup } from "@/lib/summary/model";
import { ScrollBox } from "@/components/ui/scroll-box";

interface GroupSectionProps {
  summary: RowsSummary;
  group: SummaryGroup;
}

/** Images grouped under a unit of their own (lesions, mammograms, studies): totals, per label and across splits. */
export function GroupSection({ summary, group }: GroupSectionProps) {
  const id = `group-${group.key}`;
  const splits = summary.dims.split;
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-2 rounded-lg border border-line p-4">
      <h2 id={`${id}-title`} className="text-lg font-semibold capitalize">
        {group.name}
      </h2>
      <p className="text-sm" data-testid={`${id}-total`}>
        {formatCount(summary.images)} {summary.unit} of {formatCount(group.total)} {group.name} (column{" "}
        <code>{group.column}</code>)
        {group.imagesWithout > 0
          ? `; ${formatCount(group.imagesWithout)} ${summary.unit} have no value there and belong to none.`
          : "."}{" "}
        Whole dataset: these counts do not follow the filters above.
      </p>
      {group.inSeveralSplits !== null && (
        <p className="text-sm" data-testid={`${id}-leakage`}>
          {group.inSeveralSplits === 0
            ? `No ${group.name.replace(/s$/, "")} appears in more than one split (${splits.map((s, i) => `${s}: ${formatCount(group.splitCounts![i]!)}`).join(", ")}).`
            : `${formatCount(group.inSeveralSplits)} ${group.name} appear in more than one split: a model can meet the same one in training and testing.`}
        </p>
      )}
      <ScrollBox label={`${group.name} per label`}>
        <table className="text-left text-sm tabular-nums" data-testid={`${id}-table`}>
          <caption className="sr-only">{group.name} per label</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-4">
                Label
              </th>
              <th scope="col" className="py-1 pr-4 text-right">
                {summary.unit}
              </th>
              <th scope="col" className="py-1 text-right">
                {group.name}
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.labels.map((label, i) => (
              <tr key={label} className="border-b border-line">
                <th scope="row" className="py-1 pr-4 font-normal">
                  {label}
                </th>
                <td className="py-1 pr-4 text-right">{formatCount(summary.labelImages[i]!)}</td>
                <td className="py-1 text-right">{formatCount(group.labelCounts[i]!)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
