// The value axis of a horizontal bar chart: where each value ends (0–1 of the bar track) and the
// ticks to draw. Shared by the chart on screen and its SVG export, so both place bars alike.

export interface Tick {
  value: number;
  /** Position along the track, 0 (start) to 1 (end). */
  at: number;
}

export interface BarScale {
  /** Where a bar of this value ends, 0–1; 0 for values a log axis cannot place (zero or less). */
  at(value: number): number;
  ticks: Tick[];
}

/** 1, 2 or 5 times a power of ten: the smallest such step that is at least `rough`. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const steps = [1, 2, 5, 10].map((m) => m * power);
  return steps.find((s) => s >= rough - 1e-9 * power) ?? 10 * power;
}

/**
 * Linear: from 0 to the largest value (the longest bar fills the track), ticks at round steps,
 * about `count` of them.
 * Log: from the power of ten below the smallest positive value (so the smallest bar still shows),
 * to the power of ten at or above the largest, a tick per power of ten.
 */
export function barScale(values: number[], scale: "linear" | "log", count = 4): BarScale {
  const positive = values.filter((v) => v > 0);
  const max = Math.max(0, ...values);
  if (scale === "log" && positive.length > 0) {
    const lowPower = Math.ceil(Math.log10(Math.min(...positive))) - 1;
    const highPower = Math.max(lowPower + 1, Math.ceil(Math.log10(max)));
    const span = highPower - lowPower;
    const at = (v: number) => (v > 0 ? Math.min(1, Math.max(0, (Math.log10(v) - lowPower) / span)) : 0);
    const ticks = Array.from({ length: span + 1 }, (_, i) => ({ value: 10 ** (lowPower + i), at: i / span }));
    return { at, ticks };
  }
  if (max <= 0) return { at: () => 0, ticks: [{ value: 0, at: 0 }] };
  const step = niceStep(max / count);
  const ticks: Tick[] = [];
  for (let i = 0; i * step <= max * (1 + 1e-9); i++) ticks.push({ value: round(i * step), at: (i * step) / max });
  return { at: (v: number) => Math.min(1, Math.max(0, v / max)), ticks };
}

/** Removes the float noise of multiplying steps such as 0.1 (0.30000000000000004 → 0.3). */
function round(v: number): number {
  return Number(v.toPrecision(12));
}
