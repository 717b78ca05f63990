"use client";

import { barsSvg, chartCsv, escapeXml, type ChartExportData } from "@/lib/share/chart-export";
import { LABEL_AXIS_HEIGHT, LABEL_ROW_HEIGHT } from "@/components/charts/chart-size";

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

/** A recharts drawing, with the colours that the page takes from CSS variables written in. */
function rechartsDrawing(original: SVGSVGElement): { markup: string; width: number; height: number } {
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
  const height = original.clientHeight || Number(original.getAttribute("height")) || 400;
  return { markup: new XMLSerializer().serializeToString(clone), width, height };
}

/** The HTML label chart drawn again as SVG, from what each row shows and where its bar ends. */
function barsDrawing(bars: HTMLElement): { markup: string; width: number; height: number } {
  const rows = [...bars.querySelectorAll<HTMLElement>("[data-bar]")];
  const first = rows[0];
  const colour = (el: Element | null | undefined, property: "color" | "backgroundColor") =>
    el ? getComputedStyle(el)[property] : "";
  return barsSvg({
    width: bars.clientWidth || 800,
    labelWidth: first?.querySelector<HTMLElement>("[data-bar-label]")?.clientWidth ?? 160,
    rowHeight: LABEL_ROW_HEIGHT,
    axisHeight: LABEL_AXIS_HEIGHT,
    rows: rows.map((r) => ({
      label: r.dataset.label ?? "",
      value: r.dataset.value ?? "",
      at: Number(r.dataset.at),
      fill: colour(r.querySelector("[data-bar-fill]"), "backgroundColor"),
    })),
    ticks: [...bars.querySelectorAll<HTMLElement>("[data-tick]")].map((t) => ({
      text: t.textContent ?? "",
      at: Number(t.dataset.at),
    })),
    colors: {
      text: colour(bars, "color"),
      muted: colour(bars.querySelector("[data-tick]"), "color"),
      grid: colour(bars.querySelector("[data-grid]"), "backgroundColor"),
    },
  });
}

/** The chart as a standalone SVG, with the title, filters and source added above the drawing. */
function standaloneSvg(chartId: string, meta: string[]): { svg: string; width: number; height: number } | null {
  const holder = document.getElementById(chartId);
  const recharts = holder?.querySelector<SVGSVGElement>("svg.recharts-surface");
  const bars = holder?.querySelector<HTMLElement>("[data-bars]");
  const drawing = recharts ? rechartsDrawing(recharts) : bars ? barsDrawing(bars) : null;
  if (!drawing) return null;
  const lineHeight = 20;
  const top = meta.length * lineHeight + 16;
  const background = getComputedStyle(document.body).backgroundColor;
  const color = getComputedStyle(document.body).color;
  const text = meta
    .map(
      (m, i) =>
        `<text x="8" y="${(i + 1) * lineHeight}" font-family="sans-serif" font-size="${i === 0 ? 16 : 12}" font-weight="${i === 0 ? 700 : 400}" fill="${color}">${escapeXml(m)}</text>`,
    )
    .join("");
  const { width } = drawing;
  const height = drawing.height + top;
  const placed = drawing.markup.replace(/^<svg /, `<svg y="${top}" `);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="${background}"/>${text}${placed}</svg>`;
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
