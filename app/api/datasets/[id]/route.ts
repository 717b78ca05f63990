import type { NextRequest } from "next/server";
import {
  ApiError,
  csvResponse,
  errorResponse,
  jsonResponse,
  optionsResponse,
  readFormat,
  readStrictParams,
  strictLabelFilters,
  toLabelFigures,
} from "@/lib/share/api";
import { toCsv } from "@/lib/csv/export";
import { getDataset, loadSummary } from "@/lib/data";
import { isFiltered } from "@/lib/summary/view";
import { attributeParsers, datasetParsers } from "@/lib/search-params";

const FILTERS = ["inc", "exc", "sex", "view", "split", "amin", "amax"] as const;

/** GET /api/datasets/<id>[?inc=…&sex=…&format=csv]: the dataset's card and label figures. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const dataset = getDataset(id);
    if (!dataset) throw new ApiError(404, `no dataset with id "${id}"`);
    const search = request.nextUrl.searchParams;
    const format = readFormat(search);
    const summary = loadSummary(id);
    const attributes = attributeParsers(summary?.kind === "rows" ? summary.attributes.map((a) => a.key) : []);
    const query = readStrictParams(search, {
      ...(Object.fromEntries(FILTERS.map((k) => [k, datasetParsers[k]])) as Pick<
        typeof datasetParsers,
        (typeof FILTERS)[number]
      >),
      ...attributes,
    });
    let filters = null;
    if (summary?.kind === "rows")
      filters = strictLabelFilters(
        { ...query, metric: "count", level: "images", order: "count", scale: "linear", co: "count" },
        summary,
      );
    else if (FILTERS.some((k) => search.has(k)))
      throw new ApiError(
        400,
        `parameter "${FILTERS.find((k) => search.has(k))}": ${dataset.title} has only published counts, which cannot be filtered`,
      );
    const figures = summary ? toLabelFigures(summary, filters && isFiltered(filters) ? filters : null) : null;
    if (format === "csv") {
      if (!figures || figures.kind !== "computed")
        throw new ApiError(400, `parameter "format": CSV needs per-image figures; ${dataset.title} has none`);
      return csvResponse(
        toCsv(figures.labels, [
          { header: "label", value: (l) => l.label },
          { header: "images", value: (l) => l.images },
          { header: "patients", value: (l) => l.patients },
          { header: "share", value: (l) => (l.share === null ? null : Number(l.share.toFixed(6))) },
        ]),
        `${id}-labels.csv`,
      );
    }
    return jsonResponse({ dataset, figures });
  } catch (error) {
    return errorResponse(error);
  }
}

export const OPTIONS = optionsResponse;
