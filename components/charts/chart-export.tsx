"use client";

import { chartCsv, type ChartExportData } from "@/lib/share/chart-export";

interface ChartExportProps {
  /** id of the element that holds the chart's SVG. */
  chartId: string;
  data: ChartExportData;
  /** A chart drawn as an HTML table (the co-occurrence heatmap) exports its figures only. */
  formats?: ("csv" | "svg" | "png")[];
}

function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const PAINT = [
  "fill",
  "stroke",
  "stroke-width",
  "font-size",
  "font-family",
  "font-weight",
  "opacity",
  "fill-opacity",
] as const;

/**
 * The chart as a standalone SVG: colours that the page takes from CSS variables are written in,
 * and the title, filters and source are added above the drawing.
 */
function standaloneSvg(chartId: string, meta: string[]): { svg: string; width: number; height: number } | null {
  const original = document.getElementById(chartId)?.querySelector("svg.recharts-surface");
  if (!original) return null;
  const clone = original.cloneNode(true) as SVGSVGElement;
  const from = [original, ...original.querySelectorAll("*")];
  const to = [clone, ...clone.querySelectorAll("*")];
  from.forEach((el, i) => {
    const style = getComputedStyle(el);
    const target = to[i] as Element;
    for (const p of PAINT) target.setAttribute(p, style.getPropertyValue(p));
    // Inline styles refer to the page's CSS variables, which mean nothing outside it.
    target.removeAttribute("style");
  });
  const width = original.clientWidth || Number(original.getAttribute("width")) || 800;
  const chartHeight = original.clientHeight || Number(original.getAttribute("height")) || 400;
  const lineHeight = 20;
  const top = meta.length * lineHeight + 16;
  const background = getComputedStyle(document.body).backgroundColor;
  const color = getComputedStyle(document.body).color;
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const text = meta
    .map(
      (m, i) =>
        `<text x="8" y="${(i + 1) * lineHeight}" font-family="sans-serif" font-size="${i === 0 ? 16 : 12}" font-weight="${i === 0 ? 700 : 400}" fill="${color}">${escape(m)}</text>`,
    )
    .join("");
  clone.setAttribute("y", String(top));
  const height = chartHeight + top;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="${background}"/>${text}${new XMLSerializer().serializeToString(clone)}</svg>`;
  return { svg, width, height };
}

export function ChartExport({ chartId, data, formats = ["csv", "svg", "png"] }: ChartExportProps) {
  const button = "rounded-md border border-line px-2 py-0.5 text-xs hover:bg-surface-2";
  function exportSvg() {
    const out = standaloneSvg(chartId, data.meta);
    if (out) save(new Blob([out.svg], { type: "image/svg+xml" }), `${data.filename}.svg`);
  }
  function exportPng() {
    const out = standaloneSvg(chartId, data.meta);
    if (!out) return;
    const img = new Image();
    const url = URL.createObjectURL(new Blob([out.svg], { type: "image/svg+xml" }));
    img.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = out.width * 2;
      canvas.height = out.height * 2;
      const ctx = canvas.getContext("2d")!;
      ctx.scale(2, 2);
      ctx.drawImage(img, 0, 0);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) => blob && save(blob, `${data.filename}.png`), "image/png");
    };
    img.src = url;
  }
  const csv = () => save(new Blob([chartCsv(data)], { type: "text/csv;charset=utf-8" }), `${data.filename}.csv`);
  const actions = { csv, svg: exportSvg, png: exportPng };
  return (
    <div className="flex gap-1" role="group" aria-label="Export this chart">
      {formats.map((format) => (
        <button key={format} type="button" className={button} onClick={actions[format]}>
          {format.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
