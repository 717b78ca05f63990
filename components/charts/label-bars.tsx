import { Bars } from "@/components/charts/bars";
import { formatCount, formatPercent } from "@/lib/format";
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

/** The label distribution: a bar per label, counts or percent, on a linear or log axis. */
export function LabelBars({ bars, metric, scale, selected, onSelect }: LabelBarsProps) {
  return (
    <Bars
      bars={bars.map((b) => ({
        label: b.label,
        value: b.value,
        text: metric === "percent" ? formatPercent(b.percent / 100) : formatCount(b.count),
        title: `${b.label}: ${formatCount(b.count)} (${b.percent.toFixed(1)} %)`,
        fill: barFill(b, selected),
      }))}
      scale={scale}
      tickText={(v) => (metric === "percent" ? `${tickNumber.format(v)} %` : tickNumber.format(v))}
      onSelect={onSelect}
    />
  );
}
