import type { NextRequest } from "next/server";
import {
  csvResponse,
  errorResponse,
  jsonResponse,
  optionsResponse,
  readFormat,
  readStrictParams,
} from "@/lib/share/api";
import { searchFindings, sortFindings } from "@/lib/findings/findings";
import { loadFindings } from "@/lib/findings/request";
import { toFindingsCsv } from "@/lib/findings/view";
import { findingsParsers } from "@/lib/search-params";

/** GET /api/findings[?q=…&sort=<name|datasets|images|patients>.<asc|desc>&format=csv]: every finding with its totals. */
export function GET(request: NextRequest) {
  try {
    const search = request.nextUrl.searchParams;
    const format = readFormat(search);
    const params = readStrictParams(search, findingsParsers);
    const findings = sortFindings(searchFindings(loadFindings().findings, params.q), params.sort);
    if (format === "csv") return csvResponse(toFindingsCsv(findings), "label-atlas-findings.csv");
    return jsonResponse({ count: findings.length, findings });
  } catch (error) {
    return errorResponse(error);
  }
}

export const OPTIONS = optionsResponse;
