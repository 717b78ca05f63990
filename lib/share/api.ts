import { createLoader, type inferParserType } from "nuqs/server";
import type { LabelSummary, RowsSummary } from "@/lib/summary/model";
import { computeLabelView, NO_FILTERS, type LabelFilters } from "@/lib/summary/view";
import { ATTRIBUTE_PREFIX, datasetParsers } from "@/lib/search-params";

/** A client error the API answers with its status and a message naming the parameter. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Parsers = Record<string, { parse: (value: string) => unknown }>;

/**
 * Reads query parameters strictly: pages fall back to defaults, but an API caller must learn what
 * was wrong, so an unknown parameter or an unreadable value is a 400 naming it.
 */
export function readStrictParams<P extends Parsers>(
  search: URLSearchParams,
  parsers: P,
  allowed: string[] = ["format"],
) {
  for (const key of new Set(search.keys())) {
    if (allowed.includes(key)) continue;
    const parser = parsers[key];
    if (!parser)
      throw new ApiError(
        400,
        `unknown parameter "${key}" (known: ${[...Object.keys(parsers), ...allowed].join(", ")})`,
      );
    const value = search.get(key)!;
    if (parser.parse(value) === null) throw new ApiError(400, `parameter "${key}": "${value}" is not a valid value`);
  }
  return createLoader(parsers as never)(search) as inferParserType<P>;
}

export function readFormat(search: URLSearchParams): "json" | "csv" {
  const format = search.get("format") ?? "json";
  if (format !== "json" && format !== "csv")
    throw new ApiError(400, `parameter "format": "${format}" is not json or csv`);
  return format;
}

/** Filters for the API: every value must exist in the dataset, or the call is a 400 naming it. */
export function strictLabelFilters(
  params: inferParserType<typeof datasetParsers> & Record<string, unknown>,
  summary: RowsSummary,
): LabelFilters {
  const check = (param: string, values: string[], allowed: string[]) => {
    const bad = values.find((v) => !allowed.includes(v));
    if (bad !== undefined)
      throw new ApiError(400, `parameter "${param}": "${bad}" is not one of ${allowed.join(", ")}`);
    return values;
  };
  const age = (param: string, v: number | null) => {
    if (v !== null && (v < 0 || v > 100 || v % 5 !== 0))
      throw new ApiError(400, `parameter "${param}": ${v} is not an age group start (0, 5, … 100)`);
    return v;
  };
  return {
    include: check("inc", params.inc, summary.labels),
    exclude: check("exc", params.exc, summary.labels),
    sex: check("sex", params.sex, summary.dims.sex),
    view: check("view", params.view, summary.dims.view),
    split: check("split", params.split, summary.dims.split),
    ageFrom: age("amin", params.amin),
    ageTo: age("amax", params.amax),
    attributes: Object.fromEntries(
      summary.attributes.map((a) => {
        const param = `${ATTRIBUTE_PREFIX}${a.key}`;
        const values = params[param];
        return [a.key, check(param, Array.isArray(values) ? (values as string[]) : [], a.values)];
      }),
    ),
  };
}

export interface LabelFigure {
  label: string;
  images: number | null;
  patients: number | null;
  /** Share of the images in view (0–1); null where the total is not known. */
  share: number | null;
}

/** A dataset's label figures as plain data, the same numbers its page shows. */
export function toLabelFigures(summary: LabelSummary, filters: LabelFilters | null) {
  if (summary.kind === "rows") {
    const view = computeLabelView(summary, filters ?? NO_FILTERS);
    return {
      kind: "computed" as const,
      unit: summary.unit,
      images: view.images,
      patients: view.patients,
      filtered: view.filtered,
      labels: view.labels.map((l) => ({ label: l.label, images: l.images, patients: l.patients, share: l.share })),
      sex: view.sex,
      age: view.age,
      view: view.view,
      split: view.split,
      attributes: view.attributes.map((a) => ({
        key: a.key,
        name: a.name,
        kind: a.kind,
        edges: a.edges,
        unit: a.unit,
        values: a.values,
      })),
      groups: summary.groups,
      boxes: summary.boxes,
      patientsInSeveralSplits: summary.patientsInSeveralSplits,
      provenance: summary.provenance,
    };
  }
  return {
    kind: "published" as const,
    unit: summary.unit,
    splits: summary.splits,
    counts: summary.counts,
    totals: summary.totals,
    sources: summary.sources,
    notes: summary.notes,
  };
}

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, OPTIONS",
  "Cache-Control": "public, max-age=300",
};

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body, null, 2), {
    status,
    headers: { ...CORS, "Content-Type": "application/json; charset=utf-8" },
  });
}

export function csvResponse(text: string, filename: string): Response {
  return new Response(text, {
    headers: {
      ...CORS,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `inline; filename="${filename}"`,
    },
  });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) return jsonResponse({ error: error.message }, error.status);
  console.error(error);
  return jsonResponse({ error: "internal error" }, 500);
}

export function optionsResponse(): Response {
  return new Response(null, { status: 204, headers: CORS });
}
