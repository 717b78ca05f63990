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
import { COMMERCIAL_USE } from "@/lib/catalog/vocabulary";
import { filterRows, sortRows, totalsOf } from "@/lib/findings/findings";
import { getFinding } from "@/lib/findings/request";
import { describeTotals, toFindingRowsCsv } from "@/lib/findings/view";
import { FINDING_ACCESS, findingParsers } from "@/lib/search-params";

const apiParsers = { access: findingParsers.access, commercial: findingParsers.commercial, sort: findingParsers.sort };

/** Each listed value must be known: a list parser drops unknown items silently, an API caller must hear of them. */
function checkList(search: URLSearchParams, key: string, allowed: readonly string[]) {
  const value = search.get(key);
  if (value === null) return;
  const bad = value.split(",").find((v) => !allowed.includes(v));
  if (bad !== undefined) throw new ApiError(400, `parameter "${key}": "${bad}" is not one of ${allowed.join(", ")}`);
}

/** GET /api/findings/<id>[?access=…&commercial=…&sort=…&format=csv]: the datasets that label one finding. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const found = getFinding(id);
    if (!found) throw new ApiError(404, `no finding with id "${id}"`);
    const search = request.nextUrl.searchParams;
    const format = readFormat(search);
    const query = readStrictParams(search, apiParsers);
    checkList(search, "access", FINDING_ACCESS);
    checkList(search, "commercial", COMMERCIAL_USE);
    const filters = { access: query.access, commercial: query.commercial };
    const rows = sortRows(filterRows(found.rows, filters), query.sort);
    if (format === "csv") return csvResponse(toFindingRowsCsv(found.finding.name, rows), `finding-${id}.csv`);
    const totals = totalsOf(rows);
    return jsonResponse({
      finding: found.finding,
      filters,
      total: { ...totals, text: describeTotals(totals, filters) },
      datasets: rows,
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export const OPTIONS = optionsResponse;
