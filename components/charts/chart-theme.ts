/** Recharts styling shared by every chart; colours come from the theme's CSS variables. */
export const TOOLTIP_THEME = {
  cursor: { fill: "var(--surface-2)" },
  contentStyle: { background: "var(--surface)", border: "1px solid var(--line)", color: "var(--fg)" },
} as const;

export const AXIS_THEME = { stroke: "var(--muted)", tick: { fill: "var(--muted)", fontSize: 12 } } as const;
export const CATEGORY_AXIS_THEME = {
  stroke: "var(--muted)",
  tick: { fill: "var(--fg)", fontSize: 12 },
  interval: 0,
} as const;
