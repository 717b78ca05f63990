"use client";

import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_THEME, CATEGORY_AXIS_THEME, TOOLTIP_THEME } from "@/components/charts/chart-theme";
import { COMPARE_BAR_SIZE, compareChartHeight } from "@/components/charts/chart-size";
import type { Comparison } from "@/lib/compare/compare";
import { describeCell } from "@/lib/compare/view";

interface CompareChartProps {
  comparison: Comparison;
  metric: "percent" | "count";
}

const COLORS = [
  "var(--chart-1)",
  "var(--chart-2)",
  "var(--chart-3)",
  "var(--chart-4)",
  "var(--chart-5)",
  "var(--chart-6)",
];

/**
 * Grouped bars, one group per finding. A finding a dataset does not label gets a short grey stub
 * marked "not labelled" (or "no figure"), so it never reads as 0 %.
 */
export function CompareChart({ comparison, metric }: CompareChartProps) {
  const { columns, rows } = comparison;
  const values = rows.flatMap((r) =>
    r.cells.map((c) => (c.status === "counted" ? (metric === "percent" ? (c.share ?? 0) * 100 : c.count) : 0)),
  );
  const stub = Math.max(...values, 1) * 0.015;
  const data = rows.map((r) => {
    const entry: Record<string, string | number | null> = { finding: r.finding };
    r.cells.forEach((c, i) => {
      const id = columns[i]!.id;
      const value =
        c.status === "counted" ? (metric === "percent" ? (c.share === null ? null : c.share * 100) : c.count) : null;
      entry[id] = value;
      entry[`${id}:missing`] = c.status === "counted" ? null : stub;
      entry[`${id}:text`] =
        c.status === "not-labelled"
          ? describeCell(c, metric)
          : `${describeCell(c, metric)} · from ${c.labels.map((l) => (l.relation === "exact" ? l.label : `${l.label} (${l.relation})`)).join(", ")}`;
    });
    return entry;
  });
  const barSize = COMPARE_BAR_SIZE;
  const height = compareChartHeight(rows.length, columns.length);
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 320, height }}>
      <BarChart
        data={data}
        layout="vertical"
        margin={{ top: 4, right: 96, bottom: 16, left: 8 }}
        barSize={barSize}
        accessibilityLayer={false}
      >
        <CartesianGrid horizontal={false} stroke="var(--line)" />
        <XAxis
          type="number"
          tickFormatter={(v: number) => (metric === "percent" ? `${v}%` : String(v))}
          {...AXIS_THEME}
        />
        <YAxis type="category" dataKey="finding" width={170} {...CATEGORY_AXIS_THEME} />
        <Tooltip
          {...TOOLTIP_THEME}
          formatter={(_, name, item) => {
            const id = String(name).replace(/:missing$/, "");
            return [
              String((item.payload as Record<string, unknown>)[`${id}:text`]),
              columns.find((c) => c.id === id)?.title ?? id,
            ];
          }}
        />
        <Legend formatter={(value: string) => columns.find((c) => c.id === value)?.title ?? ""} />
        {columns.flatMap((col, i) => [
          <Bar
            key={col.id}
            dataKey={col.id}
            stackId={col.id}
            fill={COLORS[i % COLORS.length]}
            isAnimationActive={false}
          />,
          <Bar
            key={`${col.id}:missing`}
            dataKey={`${col.id}:missing`}
            stackId={col.id}
            fill="var(--line)"
            legendType="none"
            isAnimationActive={false}
          >
            <LabelList
              dataKey={`${col.id}:text`}
              position="right"
              fill="var(--muted)"
              fontSize={10}
              formatter={(v) =>
                String(v).startsWith("not labelled") || String(v).startsWith("labelled, no figure")
                  ? String(v).split(" · ")[0]
                  : ""
              }
            />
          </Bar>,
        ])}
      </BarChart>
    </ResponsiveContainer>
  );
}
