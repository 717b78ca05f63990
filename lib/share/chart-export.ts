import Papa from "papaparse";

export interface ChartExportData {
  /** Title, filters and source: written at the top of every exported file. */
  meta: string[];
  header: string[];
  rows: (string | number)[][];
  filename: string;
}

/** The figures of a chart as CSV: the meta lines, a blank line, then the table; formula cells neutralised. */
export function chartCsv(data: ChartExportData): string {
  return Papa.unparse([...data.meta.map((m) => [m]), [], data.header, ...data.rows], {
    escapeFormulae: true,
    newline: "\r\n",
  });
}

/** A horizontal bar chart to draw as SVG: what the HTML label chart shows, measured off the page. */
export interface BarsDrawing {
  width: number;
  labelWidth: number;
  rowHeight: number;
  axisHeight: number;
  rows: { label: string; value: string; at: number; fill: string }[];
  ticks: { text: string; at: number }[];
  colors: { text: string; muted: string; grid: string };
}

/**
 * The label chart's gap between its label column and its bars, and the room kept after the longest
 * bar for its value, in px: the HTML chart and its SVG export are laid out alike.
 */
export const LABEL_GAP = 8;
export const VALUE_ROOM = 76;

/** Text for SVG markup: the characters that could open a tag or end an attribute, escaped. */
export const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Labels longer than their column are cut with an ellipsis (about 6.5 px per 12 px character). */
function fit(label: string, width: number): string {
  const room = Math.max(4, Math.floor(width / 6.5));
  return label.length <= room ? label : `${label.slice(0, room - 1)}…`;
}

/** The bars as an SVG drawing of `width` × (rows × rowHeight + axisHeight), text escaped. */
export function barsSvg(d: BarsDrawing): { markup: string; width: number; height: number } {
  const x0 = d.labelWidth + LABEL_GAP;
  const track = Math.max(0, d.width - x0 - VALUE_ROOM);
  const barsHeight = d.rows.length * d.rowHeight;
  const height = barsHeight + d.axisHeight;
  const font = `font-family="sans-serif" font-size="12"`;
  const grid = d.ticks
    .map((t) => {
      const x = (x0 + t.at * track).toFixed(1);
      return (
        `<line x1="${x}" x2="${x}" y1="0" y2="${barsHeight + 4}" stroke="${d.colors.grid}"/>` +
        `<text x="${x}" y="${height - 4}" text-anchor="middle" ${font} fill="${d.colors.muted}">${escapeXml(t.text)}</text>`
      );
    })
    .join("");
  const rows = d.rows
    .map((r, i) => {
      const middle = i * d.rowHeight + d.rowHeight / 2;
      const w = r.at * track;
      return (
        `<text x="${d.labelWidth}" y="${(middle + 4).toFixed(1)}" text-anchor="end" ${font} fill="${d.colors.text}">${escapeXml(fit(r.label, d.labelWidth))}</text>` +
        `<rect class="bar" x="${x0}" y="${(middle - 7).toFixed(1)}" width="${w.toFixed(1)}" height="14" fill="${escapeXml(r.fill)}"/>` +
        `<text x="${(x0 + w + 4).toFixed(1)}" y="${(middle + 4).toFixed(1)}" ${font} fill="${d.colors.muted}">${escapeXml(r.value)}</text>`
      );
    })
    .join("");
  return {
    markup: `<svg xmlns="http://www.w3.org/2000/svg" width="${d.width}" height="${height}">${grid}${rows}</svg>`,
    width: d.width,
    height,
  };
}
