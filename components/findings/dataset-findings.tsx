import Link from "next/link";
import type { DatasetFinding } from "@/lib/findings/request";

/** The dataset's labels as findings, each linking to the page that lists every dataset labelling it. */
export function DatasetFindings({ findings }: { findings: DatasetFinding[] }) {
  if (findings.length === 0) return null;
  return (
    <section aria-labelledby="findings-title" className="space-y-2">
      <h2 id="findings-title" className="text-xl font-bold">
        Findings
      </h2>
      <p className="text-sm text-muted">
        Each label as a finding of the label ontology: open one to see every dataset that labels it.
      </p>
      <ul className="flex flex-wrap gap-2 text-sm" data-testid="dataset-findings">
        {findings.map((f) => (
          <li key={f.id} className="rounded-md border border-line px-2 py-1">
            <Link href={`/findings/${f.id}`} className="font-medium text-link underline">
              {f.name}
            </Link>
            <span className="text-muted">
              {" "}
              ← {f.labels.map((l) => (l.relation === "exact" ? l.label : `${l.label} (${l.relation})`)).join(", ")}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
