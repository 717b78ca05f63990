import { ImageResponse } from "next/og";
import type { NextRequest } from "next/server";
import { createLoader } from "nuqs/server";
import { resolveComparison } from "@/lib/compare/request";
import { getDataset, loadSummary } from "@/lib/data";
import { toLabelFilters } from "@/lib/summary/filters";
import { describeFilters } from "@/lib/summary/describe-filters";
import { cachedPreviewImage, etagMatches, previewEtag } from "@/lib/share/og-cache";
import { comparisonPreview, datasetPreview, findingPreview, findingsPreview, type Preview } from "@/lib/share/og";
import { filterRows, totalsOf } from "@/lib/findings/findings";
import { getFinding, loadFindings } from "@/lib/findings/request";
import { describeTotals } from "@/lib/findings/view";
import { compareParsers, datasetParsersFor, findingParsers } from "@/lib/search-params";

const OG_SIZE = { width: 1200, height: 630 };

/** GET /api/og?id=<dataset>&<filters>, ?ids=a,b, ?finding=<id>&<filters> or ?findings=all: the link-preview image of that view. */
export async function GET(request: NextRequest) {
  const search = request.nextUrl.searchParams;
  let preview: Preview = { title: "Label Atlas", subtitle: "What is inside public medical image datasets", bars: [] };
  const id = search.get("id");
  if (id) {
    const dataset = getDataset(id);
    if (!dataset) return new Response("not found", { status: 404 });
    const summary = loadSummary(id);
    const keys = summary?.kind === "rows" ? summary.attributes.map((a) => a.key) : [];
    const params = createLoader(datasetParsersFor(keys))(search);
    const filters = summary?.kind === "rows" ? toLabelFilters(params, summary) : null;
    const names = summary?.kind === "rows" ? Object.fromEntries(summary.attributes.map((a) => [a.key, a.name])) : {};
    preview = datasetPreview(dataset.title, summary, filters, filters ? describeFilters(filters, names) : "");
  } else if (search.has("finding")) {
    const found = getFinding(search.get("finding")!);
    if (!found) return new Response("not found", { status: 404 });
    const params = createLoader(findingParsers)(search);
    const filters = { access: params.access, commercial: params.commercial };
    const rows = filterRows(found.rows, filters);
    preview = findingPreview(found.finding.name, rows, describeTotals(totalsOf(rows), filters));
  } else if (search.has("findings")) {
    preview = findingsPreview(loadFindings().findings);
  } else if (search.has("ids") || search.get("mode") === "slices") {
    const result = resolveComparison(createLoader(compareParsers)(search));
    if (result.comparison) preview = comparisonPreview(result.comparison);
  }
  const etag = previewEtag(preview);
  const headers = {
    ETag: etag,
    // The figures change only with a new build: a day in caches, then revalidated by the ETag.
    "Cache-Control": "public, max-age=86400, must-revalidate",
  };
  if (etagMatches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  const { png, hit } = await cachedPreviewImage(etag, () => drawPreview(preview).arrayBuffer());
  return new Response(png, {
    headers: { ...headers, "Content-Type": "image/png", "X-Preview-Cache": hit ? "hit" : "miss" },
  });
}

function drawPreview(preview: Preview): ImageResponse {
  const max = Math.max(1, ...preview.bars.map((b) => b.value));
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        background: "#ffffff",
        color: "#111827",
        padding: 48,
        fontSize: 24,
      }}
    >
      <div style={{ fontSize: 48, fontWeight: 700, display: "flex" }}>{preview.title}</div>
      <div style={{ fontSize: 26, color: "#4b5563", marginTop: 8, display: "flex" }}>{preview.subtitle}</div>
      <div style={{ display: "flex", flexDirection: "column", marginTop: 28, gap: 8 }}>
        {preview.bars.map((b) => (
          <div key={b.label} style={{ display: "flex", alignItems: "center", gap: 12 }}>
            <div style={{ width: 260, display: "flex", justifyContent: "flex-end", fontSize: 22 }}>{b.label}</div>
            <div
              style={{
                width: Math.max(4, Math.round((b.value / max) * 560)),
                height: 26,
                background: "#2563eb",
                display: "flex",
              }}
            />
            <div style={{ fontSize: 20, color: "#4b5563", display: "flex" }}>{b.text}</div>
          </div>
        ))}
      </div>
      <div style={{ marginTop: "auto", fontSize: 22, color: "#1d4ed8", display: "flex" }}>Label Atlas</div>
    </div>,
    OG_SIZE,
  );
}
