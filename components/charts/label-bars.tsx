import type { CSSProperties } from "react";
import { labelBarChartHeight, LABEL_AXIS_HEIGHT, LABEL_ROW_HEIGHT } from "@/components/charts/chart-size";
import { LABEL_GAP, VALUE_ROOM } from "@/lib/share/chart-export";
import { formatCount, formatPercent } from "@/lib/format";
import { barScale } from "@/lib/summary/bar-scale";
import type { LabelBar } from "@/lib/summary/chart";

interface LabelBarsProps {
  bars: LabelBar[];
  metric: "count" | "percent";
  scale: "linear" | "log";
  /** Labels the current filters require; their bars are highlighted. */
  selected: string[];
  /** A click on a bar (mouse only: the filters above the chart do the same from the keyboard). */
  onSelect?: (label: string) => void;
}

const tickNumber = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

function barFill(bar: LabelBar, selected: string[]): string {
  return bar.isNoFinding ? "var(--chart-3)" : selected.includes(bar.label) ? "var(--chart-2)" : "var(--chart-1)";
}

const barValueText = (bar: LabelBar, metric: "count" | "percent") =>
  metric === "percent" ? formatPercent(bar.percent / 100) : formatCount(bar.count);

/**
 * The label distribution as horizontal bars drawn in HTML: one row per label, its value printed at
 * the end of its bar, and a value axis below. Rendered on the server with the page, and cheap to
 * render again: a filter change redraws it within a frame even on a slow phone, which recharts
 * (a store and its selectors per chart) could not. Exports build an SVG from the rows' data
 * attributes (see ChartExport).
 */
export function LabelBars({ bars, metric, scale, selected, onSelect }: LabelBarsProps) {
  const axis = barScale(
    bars.map((b) => b.value),
    scale,
  );
  const longest = Math.max(...bars.map((b) => b.label.length), 4);
  const along = (at: number) => `calc((100% - ${VALUE_ROOM}px) * ${at})`;
  const layout = {
    "--label-width": `min(${Math.min(220, longest * 7 + 16)}px, 40%)`,
    gridTemplateColumns: "var(--label-width) minmax(0, 1fr)",
    columnGap: LABEL_GAP,
    height: labelBarChartHeight(bars.length),
  } as CSSProperties;
  const tickText = (v: number) => (metric === "percent" ? `${tickNumber.format(v)} %` : tickNumber.format(v));
  return (
    <div
      data-bars={scale}
      className="@container relative grid content-start text-xs"
      style={layout}
      onClick={
        onSelect &&
        ((e) => {
          const label = (e.target as Element).closest<HTMLElement>("[data-bar]")?.dataset.label;
          if (label !== undefined) onSelect(label);
        })
      }
    >
      <div
        className="pointer-events-none absolute inset-y-0 right-0"
        style={{ left: `calc(var(--label-width) + ${LABEL_GAP}px)` }}
      >
        {axis.ticks.map((t) => (
          <span
            key={`line-${t.value}`}
            data-grid
            className="absolute top-0 w-px bg-line"
            style={{ left: along(t.at), bottom: LABEL_AXIS_HEIGHT - 4 }}
          />
        ))}
        {axis.ticks.map((t, i) => (
          <span
            key={`tick-${t.value}`}
            data-tick={t.value}
            data-at={t.at}
            // On a narrow chart (a phone) only the first and last numbers fit; the grid lines stay.
            className={`absolute bottom-0 -translate-x-1/2 text-muted tabular-nums ${i > 0 && i < axis.ticks.length - 1 ? "@max-md:hidden" : ""}`}
            style={{ left: along(t.at) }}
          >
            {tickText(t.value)}
          </span>
        ))}
      </div>
      {bars.map((b) => {
        // A log axis cannot place zero: such a bar is not drawn (its value still shows).
        const at = scale === "log" && b.value <= 0 ? 0 : axis.at(b.value);
        const value = barValueText(b, metric);
        return (
          <div
            key={b.label}
            data-bar
            data-label={b.label}
            data-at={at}
            data-value={value}
            title={`${b.label}: ${formatCount(b.count)} (${b.percent.toFixed(1)} %)`}
            className={`col-span-2 grid grid-cols-subgrid items-center ${onSelect ? "cursor-pointer hover:bg-surface-2" : ""}`}
            style={{ height: LABEL_ROW_HEIGHT }}
          >
            <span data-bar-label className="truncate text-right">
              {b.label}
            </span>
            <span className="relative flex items-center gap-1">
              <span
                data-bar-fill
                className="h-3.5 shrink-0 rounded-r-sm"
                style={{ width: along(at), background: barFill(b, selected) }}
              />
              <span className="text-muted tabular-nums">{value}</span>
            </span>
          </div>
        );
      })}
    </div>
  );
}
