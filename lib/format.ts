export const NOT_REPORTED = "not reported";

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 112120 → "112,120"; null → "not reported". Never rounds: counts are whole numbers. */
export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? NOT_REPORTED : integer.format(n);
}

/** "112,120 images", or "not reported" when the count is unknown. */
export function formatSize(count: number | null, unit: string | null): string {
  if (count === null) return NOT_REPORTED;
  return unit ? `${formatCount(count)} ${unit}` : formatCount(count);
}

export function formatText(s: string | null | undefined): string {
  return s === null || s === undefined || s === "" ? NOT_REPORTED : s;
}

/** Percent with one decimal, e.g. 53.8 %. `share` is a fraction in [0, 1]. */
export function formatPercent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)} %`;
}
