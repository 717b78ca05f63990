import type { ReactNode } from "react";
import { ChartExport } from "@/components/charts/chart-export";
import type { ChartExportData } from "@/lib/share/chart-export";

interface ChartFrameProps {
  id: string;
  title: string;
  /** One sentence that says what the chart shows, for everyone (and screen readers first). */
  summary: string;
  chart: ReactNode;
  /** The same figures as a table. */
  table: ReactNode;
  actions?: ReactNode;
  /** The figures to export as CSV, and the title, filters and source to write into every export. */
  exportData?: ChartExportData;
  /** 1 where the chart is the whole page (an embed), so the page has its one top-level heading. */
  headingLevel?: 1 | 2;
}

/** A chart with its title, text summary and data-table twin. */
export function ChartFrame({
  id,
  title,
  summary,
  chart,
  table,
  actions,
  exportData,
  headingLevel = 2,
}: ChartFrameProps) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <section aria-labelledby={`${id}-title`} className="min-w-0 space-y-2 rounded-lg border border-line p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Heading id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </Heading>
        <div className="flex flex-wrap items-center gap-3">
          {actions}
          {exportData && <ChartExport chartId={`${id}-chart`} data={exportData} />}
        </div>
      </div>
      <p className="text-sm text-muted" data-testid={`${id}-summary`}>
        {summary}
      </p>
      <div aria-hidden="true" id={`${id}-chart`}>
        {chart}
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-link">Show the figures as a table</summary>
        <div className="relative mt-2 overflow-x-auto">{table}</div>
      </details>
    </section>
  );
}
