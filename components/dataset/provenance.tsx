import { UrlList } from "@/components/ui/url-list";
import { formatCount } from "@/lib/format";
import type { LabelSummary } from "@/lib/summary/model";
import { publicSourceUrl } from "@/lib/summary/source";

interface ProvenanceProps {
  summary: LabelSummary;
}

/** Where the figures on the page come from: file, checksum, rows read, skipped and flagged. */
export function Provenance({ summary }: ProvenanceProps) {
  const p = summary.provenance;
  if (summary.kind === "published") {
    return (
      <div className="space-y-1 text-sm" data-testid="provenance">
        <p>
          Published figures ({p.files[0]?.name}): each row cites the source below where its number is printed, and its
          note says how.
        </p>
        <UrlList urls={summary.sources} />
        {summary.notes.length > 0 && <p className="text-muted">Notes: {summary.notes.join(" · ")}</p>}
      </div>
    );
  }
  const [main, ...lists] = p.files;
  const source = publicSourceUrl(summary);
  return (
    <div className="space-y-1 text-sm" data-testid="provenance">
      <p>
        Computed from <strong>{main?.name}</strong>
        {main?.sha256 && (
          <>
            {" "}
            (sha256 <code title={main.sha256}>{main.sha256.slice(0, 12)}…</code>)
          </>
        )}
        {source && (
          <>
            , published at{" "}
            <a href={source} rel="noopener noreferrer" className="break-all text-link underline">
              {source}
            </a>
          </>
        )}
        : {formatCount(p.rowsRead)} rows read, {formatCount(p.rowsSkipped)} skipped, {formatCount(p.rowsFlagged)}{" "}
        flagged
        {p.generated && <>, on {p.generated}</>}.{p.labelFileVersion && <> Label file: {p.labelFileVersion}.</>}
        {lists.length > 0 && (
          <>
            {" "}
            Also read:{" "}
            {lists
              .map(
                (f) => `${f.name} (${formatCount(f.rows)} rows${f.sha256 ? `, sha256 ${f.sha256.slice(0, 12)}…` : ""})`,
              )
              .join("; ")}
            .
          </>
        )}
      </p>
      {p.notes.length > 0 && (
        <ul className="list-disc pl-5" data-testid="provenance-notes">
          {p.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {p.problems.length > 0 && (
        <details>
          <summary className="cursor-pointer text-link">First {p.problems.length} skipped or flagged rows</summary>
          <ul className="mt-1 list-disc pl-5">
            {p.problems.map((problem, i) => (
              <li key={i}>
                {problem.file ? `${problem.file}, ` : ""}
                {problem.locator === "row" ? `row ${problem.line.toLocaleString("en-US")}` : `line ${problem.line}`}
                {problem.column ? ` (${problem.column})` : ""}: {problem.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
