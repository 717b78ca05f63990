import {
  createLoader,
  createParser,
  createSerializer,
  parseAsArrayOf,
  parseAsInteger,
  parseAsString,
  parseAsStringLiteral,
} from "nuqs/server";
import { SECTION_SLUGS } from "@/lib/catalog/vocabulary";

/** Catalog table columns, in display order. `search` is the hidden haystack for the search box. */
export const CATALOG_COLUMNS = [
  { id: "title", label: "Title", sortable: true },
  { id: "description", label: "Description", sortable: false },
  { id: "keywords", label: "Keywords", sortable: false },
  { id: "source", label: "Source", sortable: false },
  { id: "size", label: "Size", sortable: true },
  { id: "modality", label: "Modality", sortable: true },
  { id: "imaging", label: "Imaging", sortable: true },
  { id: "task", label: "Task", sortable: false },
  { id: "region", label: "Body region", sortable: true },
  { id: "patients", label: "Patients", sortable: true },
  { id: "classes", label: "Classes", sortable: true },
  { id: "labels", label: "Labels", sortable: false },
  { id: "license", label: "Licence", sortable: true },
  { id: "access", label: "Access", sortable: true },
  { id: "commercial", label: "Commercial use", sortable: true },
  { id: "year", label: "Year", sortable: true },
] as const;
export type CatalogColumnId = (typeof CATALOG_COLUMNS)[number]["id"];
export const CATALOG_COLUMN_IDS = CATALOG_COLUMNS.map((c) => c.id) as [CatalogColumnId, ...CatalogColumnId[]];
export const DEFAULT_CATALOG_COLUMNS: CatalogColumnId[] = ["title", "description", "keywords", "source", "size"];
const SORTABLE_IDS: ReadonlySet<string> = new Set(CATALOG_COLUMNS.filter((c) => c.sortable).map((c) => c.id));

/** Facets filtered with checkboxes: URL key → what it filters. */
export const CATALOG_FACETS = [
  { key: "task", column: "task", label: "Task" },
  { key: "access", column: "access", label: "Access" },
  { key: "license", column: "license", label: "Licence" },
  { key: "region", column: "region", label: "Body region" },
  { key: "commercial", column: "commercial", label: "Commercial use" },
] as const satisfies readonly { key: string; column: CatalogColumnId; label: string }[];
export type CatalogFacetKey = (typeof CATALOG_FACETS)[number]["key"];

export interface SortSpec {
  id: string;
  desc: boolean;
}

/** `sort=<column>.<asc|desc>`, limited to the given column ids; anything else reads as absent. */
export function parseAsSort(allowed: ReadonlySet<string>) {
  return createParser<SortSpec>({
    parse(value) {
      const match = /^([a-z_]+)\.(asc|desc)$/.exec(value);
      if (!match || !allowed.has(match[1]!)) return null;
      return { id: match[1]!, desc: match[2] === "desc" };
    },
    serialize: (s) => `${s.id}.${s.desc ? "desc" : "asc"}`,
    eq: (a, b) => a.id === b.id && a.desc === b.desc,
  });
}

export const DEFAULT_CATALOG_SORT: SortSpec = { id: "title", desc: false };
const facetList = parseAsArrayOf(parseAsString, ",").withDefault([]);

export const catalogParsers = {
  q: parseAsString.withDefault(""),
  m: parseAsStringLiteral(SECTION_SLUGS).withDefault("all"),
  sort: parseAsSort(SORTABLE_IDS).withDefault(DEFAULT_CATALOG_SORT),
  task: facetList,
  access: facetList,
  license: facetList,
  region: facetList,
  commercial: facetList,
  min: parseAsInteger,
  max: parseAsInteger,
  cols: parseAsArrayOf(parseAsStringLiteral(CATALOG_COLUMN_IDS), ",").withDefault(DEFAULT_CATALOG_COLUMNS),
};

export const loadCatalogParams = createLoader(catalogParsers);
export const serializeCatalogParams = createSerializer(catalogParsers);
export type CatalogParams = Awaited<ReturnType<typeof loadCatalogParams>>;

const labelList = parseAsArrayOf(parseAsString, ",").withDefault([]);

/** Dataset page: how the label chart is drawn and which images it counts. */
export const datasetParsers = {
  metric: parseAsStringLiteral(["count", "percent"] as const).withDefault("count"),
  level: parseAsStringLiteral(["images", "patients"] as const).withDefault("images"),
  order: parseAsStringLiteral(["count", "name"] as const).withDefault("count"),
  scale: parseAsStringLiteral(["linear", "log"] as const).withDefault("linear"),
  co: parseAsStringLiteral(["count", "percent"] as const).withDefault("count"),
  inc: labelList,
  exc: labelList,
  sex: labelList,
  view: labelList,
  split: labelList,
  /** Age range as the lower bounds of 5-year buckets, e.g. amin=20&amax=40 is 20–44 years. */
  amin: parseAsInteger,
  amax: parseAsInteger,
};

/** A dataset's declared attributes (anatomical site, scanner…) filter as `a_<key>=value,value`. */
export const ATTRIBUTE_PREFIX = "a_";
export function attributeParsers(keys: readonly string[]): Record<string, typeof labelList> {
  return Object.fromEntries(keys.map((k) => [`${ATTRIBUTE_PREFIX}${k}`, labelList]));
}

export const loadDatasetParams = createLoader(datasetParsers);
export const serializeDatasetParams = createSerializer(datasetParsers);
export type DatasetParams = Awaited<ReturnType<typeof loadDatasetParams>>;

/**
 * Explore page: how the user's columns are read. Keys start with "c" (column) so that they never
 * meet the dataset filters (sex, view, split…) that share the page's URL. "-" means unmapped.
 */
export const exploreParsers = {
  cimg: parseAsString,
  cpat: parseAsString,
  csex: parseAsString,
  cage: parseAsString,
  cview: parseAsString,
  csplit: parseAsString,
  cenc: parseAsStringLiteral(["delimited", "binary", "single"] as const),
  clab: parseAsArrayOf(parseAsString, ","),
  csep: parseAsString,
  crpi: parseAsStringLiteral(["yes", "no"] as const),
  cnf: parseAsString,
};
export type ExploreParams = {
  [K in keyof typeof exploreParsers]: ReturnType<(typeof exploreParsers)[K]["parseServerSide"]>;
};
export const NONE = "-";

export const COMPARE_SLICES = ["split", "sex", "view", "age"] as const;
export const MIN_COMPARE = 2;
export const MAX_COMPARE = 6;

/** Compare page: which datasets (or which slices of one), how to count and how to sort. */
export const compareParsers = {
  ids: parseAsArrayOf(parseAsString, ",").withDefault([]),
  mode: parseAsStringLiteral(["datasets", "slices"] as const).withDefault("datasets"),
  id: parseAsString.withDefault(""),
  by: parseAsStringLiteral(COMPARE_SLICES).withDefault("split"),
  level: parseAsStringLiteral(["images", "patients"] as const).withDefault("images"),
  metric: parseAsStringLiteral(["percent", "count"] as const).withDefault("percent"),
  sort: parseAsStringLiteral(["difference", "prevalence", "name"] as const).withDefault("difference"),
  /** A file summary kept in this browser by the explore page (its IndexedDB key), compared with `ids`. */
  local: parseAsString,
};
export const loadCompareParams = createLoader(compareParsers);
export const serializeCompareParams = createSerializer(compareParsers);
export type CompareParams = Awaited<ReturnType<typeof loadCompareParams>>;
