import type { NextRequest } from "next/server";
import {
  csvResponse,
  errorResponse,
  jsonResponse,
  optionsResponse,
  readFormat,
  readStrictParams,
} from "@/lib/share/api";
import { toCatalogCsv } from "@/lib/catalog/export";
import { loadCatalog } from "@/lib/data";

/** GET /api/datasets[?format=csv]: the whole catalog. */
export function GET(request: NextRequest) {
  try {
    const search = request.nextUrl.searchParams;
    readStrictParams(search, {});
    const datasets = loadCatalog();
    if (readFormat(search) === "csv") return csvResponse(toCatalogCsv(datasets), "label-atlas-catalog.csv");
    return jsonResponse({ count: datasets.length, datasets });
  } catch (error) {
    return errorResponse(error);
  }
}

export const OPTIONS = optionsResponse;
