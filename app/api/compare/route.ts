import type { NextRequest } from "next/server";
import {
  ApiError,
  csvResponse,
  errorResponse,
  jsonResponse,
  optionsResponse,
  readFormat,
  readStrictParams,
} from "@/lib/share/api";
import { resolveComparison } from "@/lib/compare/request";
import { toComparisonCsv } from "@/lib/compare/view";
import { compareParsers } from "@/lib/search-params";

/** GET /api/compare?ids=a,b[&level=…&sort=…&format=csv], or ?mode=slices&id=…&by=…: the comparison table. */
export function GET(request: NextRequest) {
  try {
    const search = request.nextUrl.searchParams;
    const format = readFormat(search);
    const params = readStrictParams(search, compareParsers);
    if (params.local)
      throw new ApiError(400, `parameter "local": a file summary lives only in the browser that read the file`);
    const result = resolveComparison(params);
    if (result.problem !== null) throw new ApiError(result.status, result.problem);
    if (format === "csv") return csvResponse(toComparisonCsv(result.comparison), "label-atlas-comparison.csv");
    return jsonResponse(result.comparison);
  } catch (error) {
    return errorResponse(error);
  }
}

export const OPTIONS = optionsResponse;
