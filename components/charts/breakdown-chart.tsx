"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { TOOLTIP_THEME } from "@/components/charts/chart-theme";
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
  // Slanted names need room below the axis in proportion to the longest one, or they are cut off.
  const axis = slanted ? Math.min(120, 16 + 5.5 * Math.max(0, ...data.map((d) => d.name.length))) : 30;
  const total = height + Math.max(0, axis - 40);
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
