"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_THEME, CATEGORY_AXIS_THEME, TOOLTIP_THEME } from "@/components/charts/chart-theme";
import { labelBarChartHeight } from "@/components/charts/chart-size";
import { formatCount } from "@/lib/format";
import type { LabelBar } from "@/lib/summary/chart";

interface LabelBarChartProps {
  bars: LabelBar[];
  metric: "count" | "percent";
  scale: "linear" | "log";
  /** Labels the current filters require; their bars are highlighted. */
  selected: string[];
  onSelect?: (label: string) => void;
}

export function LabelBarChart({ bars, metric, scale, selected, onSelect }: LabelBarChartProps) {
  // A log axis cannot place zero; such bars are left out of the drawing (the table still shows 0).
  const data = bars.map((b) => ({ ...b, drawn: scale === "log" && b.value <= 0 ? null : b.value }));
  const longest = Math.max(...bars.map((b) => b.label.length), 4);
  const height = labelBarChartHeight(bars.length);
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 320, height }}>
      <BarChart
        data={data}
        layout="vertical"
        margin={{ top: 4, right: 24, bottom: 16, left: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid horizontal={false} stroke="var(--line)" />
        <XAxis
          type="number"
          scale={scale === "log" ? "log" : "auto"}
          domain={scale === "log" ? [1, "auto"] : [0, "auto"]}
          allowDataOverflow={scale === "log"}
          tickFormatter={(v: number) => (metric === "percent" ? `${v}%` : formatCount(v))}
          {...AXIS_THEME}
        />
        <YAxis type="category" dataKey="label" width={Math.min(220, longest * 7.5 + 16)} {...CATEGORY_AXIS_THEME} />
        <Tooltip
          {...TOOLTIP_THEME}
          formatter={(_, __, item) => {
            const bar = item.payload as LabelBar;
            return [`${formatCount(bar.count)} (${bar.percent.toFixed(1)} %)`, bar.label];
          }}
        />
        <Bar
          dataKey="drawn"
          isAnimationActive={false}
          onClick={(entry) => onSelect?.((entry as unknown as LabelBar).label)}
          cursor={onSelect ? "pointer" : undefined}
        >
          {data.map((b) => (
            <Cell
              key={b.label}
              fill={b.isNoFinding ? "var(--chart-3)" : selected.includes(b.label) ? "var(--chart-2)" : "var(--chart-1)"}
            />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
