"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { TOOLTIP_THEME } from "@/components/charts/chart-theme";
import { breakdownAxisHeight, breakdownChartHeight } from "@/components/charts/chart-size";
import { formatCount } from "@/lib/format";

interface BreakdownChartProps {
  data: { name: string; images: number }[];
  height?: number;
  color?: string;
  /** Slant crowded category names (e.g. 20 age groups) so that every one stays readable. */
  slanted?: boolean;
  /** What the bars count, for the tooltip. */
  unit?: string;
}

/** A small vertical bar chart for one breakdown (sex, age, view, split, labels per image). */
export function BreakdownChart({
  data,
  height = 200,
  color = "var(--chart-1)",
  slanted = false,
  unit = "images",
}: BreakdownChartProps) {
  const names = data.map((d) => d.name);
  const axis = breakdownAxisHeight(names, slanted);
  const total = breakdownChartHeight(names, slanted, height);
  return (
    <ResponsiveContainer width="100%" height={total} initialDimension={{ width: 320, height: total }}>
      <BarChart data={data} margin={{ top: 4, right: 8, bottom: slanted ? 24 : 4, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke="var(--line)" />
        <XAxis
          dataKey="name"
          interval={0}
          angle={slanted ? -45 : 0}
          textAnchor={slanted ? "end" : "middle"}
          height={axis}
          stroke="var(--muted)"
          tick={{ fill: "var(--muted)", fontSize: 11 }}
        />
        <YAxis
          tickFormatter={(v: number) => formatCount(v)}
          width={56}
          stroke="var(--muted)"
          tick={{ fill: "var(--muted)", fontSize: 11 }}
        />
        <Tooltip {...TOOLTIP_THEME} formatter={(v) => [formatCount(Number(v)), unit]} />
        <Bar dataKey="images" fill={color} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
