import type { CSSProperties } from "react";
import { labelBarChartHeight, LABEL_AXIS_HEIGHT, LABEL_ROW_HEIGHT } from "@/components/charts/chart-size";
import { LABEL_GAP, VALUE_ROOM } from "@/lib/share/chart-export";
import { barScale } from "@/lib/summary/bar-scale";

/** One bar: its category, its value on the axis, the value as printed, its hover text and colour. */
export interface Bar {
  label: string;
  value: number;
  text: string;
  title: string;
  fill: string;
}

interface BarsProps {
  bars: Bar[];
  scale: "linear" | "log";
  /** How the value axis prints a tick. */
  tickText: (value: number) => string;
  /** A click on a bar (mouse only: the filters above a chart do the same from the keyboard). */
  onSelect?: (label: string) => void;
}

/**
 * Horizontal bars drawn in HTML: one row per category, its value printed at the end of its bar, and
 * a value axis below. Rendered on the server with the page, and cheap to render again: a filter
 * change redraws every chart within a frame even on a slow phone, which recharts (a store and its
 * selectors per chart, text measured in the page's DOM) could not. Exports build an SVG from the
 * rows' data attributes (see ChartExport).
 */
export function Bars({ bars, scale, tickText, onSelect }: BarsProps) {
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
  return (
    <div
      data-bars={scale}
      className="relative grid content-start text-xs"
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
            // On a phone only the first and last numbers fit; the grid lines stay. A media query, not a
            // container query: a query container made every redraw of the bars lay out again (a
            // third of a filter click's layout time).
            className={`absolute bottom-0 -translate-x-1/2 text-muted tabular-nums ${i > 0 && i < axis.ticks.length - 1 ? "max-md:hidden" : ""}`}
            style={{ left: along(t.at) }}
          >
            {tickText(t.value)}
          </span>
        ))}
      </div>
      {bars.map((b) => {
        // A log axis cannot place zero: such a bar is not drawn (its value still shows).
        const at = scale === "log" && b.value <= 0 ? 0 : axis.at(b.value);
        return (
          <div
            key={b.label}
            data-bar
            data-label={b.label}
            data-at={at}
            data-value={b.text}
            title={b.title}
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
                style={{ width: along(at), background: b.fill }}
              />
              <span className="text-muted tabular-nums">{b.text}</span>
            </span>
          </div>
        );
      })}
    </div>
  );
}
