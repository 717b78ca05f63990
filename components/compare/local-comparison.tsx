"use client";

import { useEffect, useState } from "react";
import { CompareResult } from "@/components/compare/compare-view";
import { compareDatasets, mapFileLabels, type CompareSource } from "@/lib/compare/compare";
import type { RowsSummary } from "@/lib/summary/model";
import { loadLocalSummary } from "@/lib/explore/local-store";
import type { OntologyEntry } from "@/lib/compare/ontology";
import { MAX_COMPARE, MIN_COMPARE } from "@/lib/search-params";

interface LocalComparisonProps {
  localKey: string;
  sources: CompareSource[];
  ontology: OntologyEntry[];
  level: "images" | "patients";
  sort: "difference" | "prevalence" | "name";
  metric: "percent" | "count";
}

const LOCAL_ID = "your-file";

/** A comparison that includes the user's own file: its summary comes from this browser, so it is computed here. */
export function LocalComparison({ localKey, sources, ontology, level, sort, metric }: LocalComparisonProps) {
  const [local, setLocal] = useState<{ summary: RowsSummary; name: string } | null | "missing">(null);
  useEffect(() => {
    loadLocalSummary(localKey).then(
      (found) => setLocal(found ?? "missing"),
      () => setLocal("missing"),
    );
  }, [localKey]);

  if (local === null) return <p className="text-muted">Loading your file&apos;s summary from this browser…</p>;
  if (local === "missing") {
    return (
      <p
        role="alert"
        className="rounded-md border-l-4 border-note-line bg-note-bg px-4 py-3"
        data-testid="compare-problem"
      >
        This link points at a file summary kept in another browser (or one since cleared). Open the file on the{" "}
        <a href="/explore" className="text-link underline">
          explore page
        </a>{" "}
        and choose &ldquo;Compare with catalog datasets&rdquo; again.
      </p>
    );
  }
  const total = sources.length + 1;
  if (total < MIN_COMPARE || total > MAX_COMPARE) {
    return (
      <p
        role="alert"
        className="rounded-md border-l-4 border-note-line bg-note-bg px-4 py-3"
        data-testid="compare-problem"
      >
        Your file ({local.name}) is ready: add {MIN_COMPARE - 1} to {MAX_COMPARE - 1} catalog datasets above to compare
        it with.
      </p>
    );
  }
  const comparison = compareDatasets(
    [...sources, { id: LOCAL_ID, title: `Your file (${local.name})`, summary: local.summary }],
    [...ontology, ...mapFileLabels(LOCAL_ID, local.summary.labels, ontology)],
    { level, sort },
  );
  return (
    <div className="space-y-3">
      <p className="text-sm text-muted">
        Your file&apos;s figures come from its summary kept in this browser; the file itself was never uploaded. Its
        labels are matched to findings by name.
      </p>
      <CompareResult comparison={comparison} metric={metric} requestedLevel={level} />
    </div>
  );
}
