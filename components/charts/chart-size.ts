// Chart heights, in one place that does not import recharts: a lazily loaded chart and the
// placeholder standing in for it must be exactly the same size, or the page jumps (CLS) when the
// chart arrives. The HTML label chart and its SVG export share its row and axis heights.

/** Height of one horizontal label bar, in pixels. */
export const LABEL_ROW_HEIGHT = 26;

/** Height of the label chart's value axis (tick numbers) below the bars. */
export const LABEL_AXIS_HEIGHT = 24;

export function labelBarChartHeight(bars: number): number {
  return bars * LABEL_ROW_HEIGHT + LABEL_AXIS_HEIGHT;
}

export const COMPARE_BAR_SIZE = 12;

export function compareChartHeight(rows: number, columns: number): number {
  return rows * (columns * (COMPARE_BAR_SIZE + 2) + 14) + 80;
}
