"use client";

import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useQueryStates } from "nuqs";
import { LabelExplorer } from "@/components/dataset/label-explorer";
import { MappingPanel } from "@/components/explore/mapping-panel";
import { Provenance } from "@/components/dataset/provenance";
import type { ExploreSource, FromWorker, ToWorker } from "@/lib/explore/protocol";
import { applyMappingParams, toMappingParams } from "@/lib/explore/mapping";
import { formatCount } from "@/lib/format";
import type { RowsSummary } from "@/lib/summary/model";
import type { ColumnMapping } from "@/lib/metadata/roles";
import { saveLocalSummary } from "@/lib/explore/local-store";
import { exploreParsers } from "@/lib/search-params";

type Inspected = Extract<FromWorker, { type: "inspected" }>;
type Progress = Extract<FromWorker, { type: "progress" }>;

const megabytes = (n: number) => (n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 ** 2).toFixed(1)} MB`);

export function ExploreApp() {
  const [params, setParams] = useQueryStates(exploreParsers, { history: "replace" });
  const router = useRouter();
  const worker = useRef<Worker | null>(null);
  const [inspected, setInspected] = useState<Inspected | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [summary, setSummary] = useState<RowsSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pasted, setPasted] = useState("");
  const [dragging, setDragging] = useState(false);

  const mapping = useMemo(
    () => (inspected ? applyMappingParams(inspected.mapping, params, inspected.header) : null),
    [inspected, params],
  );
  const mappingKey = mapping ? JSON.stringify(mapping) : null;

  const startWorker = useCallback(() => {
    worker.current?.terminate();
    const w = new Worker(new URL("./explore.worker.ts", import.meta.url));
    w.onmessage = (event: MessageEvent<FromWorker>) => {
      const m = event.data;
      if (m.type === "inspected") setInspected(m);
      else if (m.type === "progress") setProgress(m);
      else if (m.type === "baseline") return;
      else if (m.type === "summary") {
        // A transition lets React draw the charts in slices, so the page never freezes for long.
        startTransition(() => {
          setSummary(m.summary);
          setBusy(false);
        });
      } else {
        setError(m.message);
        setBusy(false);
      }
    };
    worker.current = w;
    return w;
  }, []);

  useEffect(() => () => worker.current?.terminate(), []);

  // Every mapping change (detected, corrected, or restored from the URL) recomputes the summary.
  useEffect(() => {
    if (!mappingKey || !worker.current) return;
    setBusy(true);
    setError(null);
    setProgress(null);
    worker.current.postMessage({ type: "summarize", mapping: JSON.parse(mappingKey) } satisfies ToWorker);
  }, [mappingKey]);

  function open(source: ExploreSource) {
    setInspected(null);
    setSummary(null);
    setError(null);
    setProgress(null);
    setBusy(true);
    startWorker().postMessage({ type: "inspect", source } satisfies ToWorker);
  }

  function cancel() {
    worker.current?.terminate();
    worker.current = null;
    setBusy(false);
    setProgress(null);
    setInspected(null);
    setError("Cancelled. Nothing was kept; choose the file again to start over.");
  }

  function changeMapping(next: ColumnMapping) {
    if (inspected) void setParams(toMappingParams(next, inspected.mapping));
  }

  return (
    <div className="space-y-6">
      <p className="max-w-3xl rounded-md border-l-4 border-note-line bg-note-bg px-4 py-3 text-sm">
        Your file is read by this browser tab and never leaves your machine: nothing is uploaded. The address of this
        page keeps the column choices and filters, not the data, so a colleague who opens the link needs the same file.
      </p>

      <section aria-labelledby="pick-title" className="space-y-3">
        <h2 id="pick-title" className="sr-only">
          Choose a file
        </h2>
        <label
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            const file = e.dataTransfer.files[0];
            if (file) open({ kind: "file", file });
          }}
          className={`flex cursor-pointer flex-col items-center gap-2 rounded-lg border-2 border-dashed p-8 text-center ${dragging ? "border-accent bg-accent-soft" : "border-line"}`}
        >
          <span className="font-medium">Drop a metadata file here, or choose one</span>
          <span className="text-sm text-muted">
            .csv, .tsv, .txt (comma, tab, semicolon or | separated), .csv.gz or .parquet
          </span>
          <input
            type="file"
            accept=".csv,.tsv,.txt,.gz,.parquet,text/csv,text/plain,application/gzip"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) open({ kind: "file", file });
            }}
            className="text-sm"
          />
        </label>
        <details>
          <summary className="cursor-pointer text-sm text-link">Or paste CSV text</summary>
          <div className="mt-2 space-y-2">
            <label htmlFor="paste" className="sr-only">
              CSV text
            </label>
            <textarea
              id="paste"
              value={pasted}
              onChange={(e) => setPasted(e.target.value)}
              rows={6}
              className="w-full rounded-md border border-line bg-surface p-2 font-mono text-xs"
            />
            <button
              type="button"
              disabled={pasted.trim() === ""}
              onClick={() => open({ kind: "text", text: pasted, name: "pasted text" })}
              className="rounded-md border border-line bg-surface px-3 py-1.5 text-sm disabled:opacity-50"
            >
              Summarise the pasted text
            </button>
          </div>
        </details>
      </section>

      {busy && (
        <div className="space-y-2 rounded-lg border border-line p-4" data-testid="progress">
          <div className="flex items-center justify-between gap-4 text-sm">
            <span role="status">
              {progress?.phase === "decompressing"
                ? `Decompressing: ${megabytes(progress.done)}`
                : progress?.phase === "reading rows"
                  ? `Reading: ${formatCount(progress.done)} of ${formatCount(progress.total)} rows`
                  : progress
                    ? `Reading: ${megabytes(progress.done)} of ${megabytes(progress.total)} · ${formatCount(progress.rows)} rows`
                    : "Reading the header…"}
            </span>
            <button type="button" onClick={cancel} className="rounded-md border border-line px-3 py-1 text-sm">
              Cancel
            </button>
          </div>
          <progress
            className="h-2 w-full"
            aria-label="Progress"
            value={progress && progress.total > 0 ? progress.done : undefined}
            max={progress && progress.total > 0 ? progress.total : undefined}
          />
        </div>
      )}

      {error && (
        <div
          role="alert"
          className="rounded-lg border border-note-line bg-note-bg p-4 text-sm whitespace-pre-line"
          data-testid="explore-error"
        >
          {error}
        </div>
      )}

      {inspected && mapping && (
        <>
          <p className="text-sm" data-testid="file-info">
            <strong>{inspected.name}</strong>: {megabytes(inspected.bytes)}, {inspected.header.length} columns.
          </p>
          <MappingPanel header={inspected.header} mapping={mapping} onChange={changeMapping} />
        </>
      )}

      {summary && !busy && (
        <section aria-labelledby="result-title" className="space-y-4">
          <h2 id="result-title" className="text-xl font-bold">
            Label figures
          </h2>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <Provenance summary={summary} />
            <button
              type="button"
              onClick={async () => {
                const key = await saveLocalSummary(summary, inspected?.name ?? "your file");
                router.push(`/compare?local=${key}`);
              }}
              className="rounded-md border border-line px-3 py-1.5 text-sm hover:bg-surface-2"
            >
              Compare with catalog datasets
            </button>
          </div>
          <LabelExplorer summary={summary} name={inspected?.name ?? "your file"} />
        </section>
      )}
    </div>
  );
}
