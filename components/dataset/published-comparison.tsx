import { UrlList } from "@/components/ui/url-list";
import { formatCount } from "@/lib/format";
import type { PublishedSummary, RowsSummary } from "@/lib/summary/model";
import { comparePublished } from "@/lib/summary/published-view";
import { ScrollBox } from "@/components/ui/scroll-box";

interface PublishedComparisonProps {
  computed: RowsSummary;
  published: PublishedSummary;
}

/** The figures the dataset's paper or page publishes, beside those computed from its file. */
export function PublishedComparison({ computed, published }: PublishedComparisonProps) {
  const rows = comparePublished(computed, published);
  const differ = rows.filter((r) => r.agrees === false);
  return (
    <section aria-labelledby="published-title" className="space-y-2 rounded-lg border border-line p-4">
      <h2 id="published-title" className="text-lg font-semibold">
        Published figures, beside the file
      </h2>
      <p className="text-sm" data-testid="published-agreement">
        {differ.length === 0
          ? "Every published figure that names a label of the file equals the count computed from the file."
          : `${differ.length} published figure${differ.length > 1 ? "s differ" : " differs"} from the file: ${differ.map((r) => `${r.label} (published ${formatCount(r.published)}, file ${formatCount(r.computed)})`).join("; ")}. See the notes for why.`}
      </p>
      <ScrollBox label="Published figures beside the file">
        <table className="text-left text-sm tabular-nums" data-testid="published-comparison">
          <caption className="sr-only">Published figures and the figures computed from the file</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-4">
                Figure
              </th>
              <th scope="col" className="py-1 pr-4">
                Split
              </th>
              <th scope="col" className="py-1 pr-4 text-right">
                Published
              </th>
              <th scope="col" className="py-1 pr-4 text-right">
                From the file
              </th>
              <th scope="col" className="py-1">
                Agrees
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.split}/${r.label}`} className="border-b border-line">
                <th scope="row" className="py-1 pr-4 font-normal">
                  {r.label}
                </th>
                <td className="py-1 pr-4">{r.split || "whole dataset"}</td>
                <td className="py-1 pr-4 text-right">{formatCount(r.published)}</td>
                <td className="py-1 pr-4 text-right">
                  {r.computed === null ? "no label of that name" : formatCount(r.computed)}
                </td>
                <td className="py-1">{r.agrees === null ? "–" : r.agrees ? "yes" : "no"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {published.notes.length > 0 && <p className="text-sm text-muted">Source notes: {published.notes.join(" · ")}</p>}
      <UrlList urls={published.sources} />
    </section>
  );
}
