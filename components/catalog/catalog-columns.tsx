"use client";

import Link from "next/link";
import {
  columnFacetingFeature,
  columnFilteringFeature,
  columnVisibilityFeature,
  createColumnHelper,
  createFacetedRowModel,
  createFacetedUniqueValues,
  createFilteredRowModel,
  createSortedRowModel,
  globalFilteringFeature,
  rowSelectionFeature,
  rowSortingFeature,
  sortFn_basic,
  sortFn_text,
  tableFeatures,
} from "@tanstack/react-table";
import type { Dataset } from "@/lib/catalog/schema";
import { matchesQuery, toSearchText } from "@/lib/catalog/search";
import { formatCount, formatSize, formatText, NOT_REPORTED } from "@/lib/format";
import { FIGURE_KINDS, type DatasetFigures } from "@/lib/summary/coverage";

export interface CatalogRow extends Dataset {
  searchText: string;
  figures: DatasetFigures;
}

const NONE: DatasetFigures = { kind: "none", top: [], total: null, unit: null };

export function toCatalogRows(
  datasets: Dataset[],
  figures: Record<string, DatasetFigures> = {},
  findingTerms: Record<string, string> = {},
): CatalogRow[] {
  return datasets.map((d) => ({
    ...d,
    searchText: toSearchText(d, findingTerms[d.id]),
    figures: figures[d.id] ?? NONE,
  }));
}

/** The kind of figures, and for datasets with per-label figures a small bar of their largest labels. */
function FiguresCell({ figures }: { figures: DatasetFigures }) {
  if (figures.kind === "none") return <span className="text-muted">none</span>;
  const max = Math.max(1, ...figures.top.map((t) => t.count));
  return (
    <div className="min-w-40 space-y-1">
      <span className="text-xs">{figures.kind}</span>
      {figures.top.length > 0 && (
        <ul className="space-y-0.5" aria-label="Largest labels">
          {figures.top.map((t) => (
            <li key={t.label} className="flex items-center gap-1.5 text-xs">
              <span aria-hidden className="h-2 rounded-sm bg-chart-1" style={{ width: `${(t.count / max) * 4}rem` }} />
              <span className="truncate">
                {t.label} {formatCount(t.count)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The part of a TanStack row that the filter functions read. */
interface ValueRow {
  getValue: <T = unknown>(columnId: string) => T;
}

/** Keeps rows whose value (or one of whose values) is among the chosen ones. */
const inSet = Object.assign(
  (row: ValueRow, columnId: string, chosen: string[]) => {
    const value = row.getValue(columnId);
    const values = Array.isArray(value) ? value : [value];
    return chosen.some((c) => values.includes(c));
  },
  { autoRemove: (value: unknown) => !Array.isArray(value) || value.length === 0 },
);

/** [min, max] with either end open; a dataset of unknown size is outside any range. */
const inRange = Object.assign(
  (row: ValueRow, columnId: string, [min, max]: [number | null, number | null]) => {
    const value = row.getValue<number | undefined>(columnId);
    if (value === undefined) return false;
    return (min === null || value >= min) && (max === null || value <= max);
  },
  { autoRemove: (value: unknown) => !Array.isArray(value) || (value[0] === null && value[1] === null) },
);

const allTerms = (row: ValueRow, columnId: string, query: string) =>
  matchesQuery(row.getValue<string>(columnId), query);

export const catalogFeatures = tableFeatures({
  columnFilteringFeature,
  globalFilteringFeature,
  columnFacetingFeature,
  rowSortingFeature,
  rowSelectionFeature,
  columnVisibilityFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
  facetedRowModel: createFacetedRowModel(),
  facetedUniqueValues: createFacetedUniqueValues(),
  filterFns: { inSet, inRange, allTerms },
  sortFns: { text: sortFn_text, basic: sortFn_basic },
});

const helper = createColumnHelper<typeof catalogFeatures, CatalogRow>();
const orNotReported = (s: string | null) => s ?? NOT_REPORTED;

function TagList({ items }: { items: string[] }) {
  if (items.length === 0) return <span className="text-muted">{NOT_REPORTED}</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {items.map((item) => (
        <li key={item} className="rounded bg-chip px-1.5 py-0.5 text-xs">
          {item}
        </li>
      ))}
    </ul>
  );
}

function Maybe({ text }: { text: string }) {
  return text === NOT_REPORTED ? <span className="text-muted">{text}</span> : <>{text}</>;
}

/**
 * Column widths in rem. The table is laid out from these alone (table-layout: fixed): the columns
 * keep their widths while a search narrows the rows, and a keystroke that hides rows does not make
 * the browser measure every remaining cell again. The description takes the rest of the width.
 */
export const COLUMN_REM: Record<string, number> = {
  select: 2.75,
  title: 11,
  keywords: 10,
  source: 6.5,
  size: 7,
  modality: 7.5,
  imaging: 9,
  task: 10,
  region: 9,
  patients: 7,
  classes: 6.5,
  labels: 14,
  license: 10,
  access: 8.5,
  commercial: 10,
  year: 5.5,
  figures: 12,
};
/** The description's narrowest width, in rem: below it the table scrolls sideways. */
export const DESCRIPTION_MIN_REM = 18;

export const catalogColumns = helper.columns([
  helper.accessor("searchText", { id: "search", enableHiding: false, enableSorting: false }),
  helper.display({
    id: "select",
    header: () => <span className="sr-only">Select to compare</span>,
    cell: ({ row }) => (
      <input
        type="checkbox"
        checked={row.getIsSelected()}
        onChange={row.getToggleSelectedHandler()}
        aria-label={`Select ${row.original.title} to compare`}
        className="size-4"
      />
    ),
  }),
  helper.accessor("title", {
    id: "title",
    header: "Title",
    sortFn: "text",
    cell: (info) => (
      <Link
        href={`/datasets/${info.row.original.id}`}
        className="font-medium text-link underline-offset-2 hover:underline"
      >
        {info.getValue()}
      </Link>
    ),
  }),
  helper.accessor("description", {
    id: "description",
    header: "Description",
    enableSorting: false,
    cell: (info) => info.getValue(),
  }),
  helper.accessor("keywords", {
    id: "keywords",
    header: "Keywords",
    enableSorting: false,
    cell: (info) => <TagList items={info.getValue()} />,
  }),
  helper.accessor("source_url", {
    id: "source",
    header: "Source",
    enableSorting: false,
    cell: (info) => (
      <a href={info.getValue()} className="text-link underline-offset-2 hover:underline" rel="noopener noreferrer">
        Official page<span className="sr-only"> of {info.row.original.title}</span>
      </a>
    ),
  }),
  helper.accessor((d) => d.count ?? undefined, {
    id: "size",
    header: "Size",
    sortFn: "basic",
    sortUndefined: "last",
    filterFn: "inRange",
    cell: (info) => <Maybe text={formatSize(info.row.original.count, info.row.original.unit)} />,
  }),
  helper.accessor("modality", { id: "modality", header: "Modality", sortFn: "text", filterFn: "inSet" }),
  helper.accessor((d) => orNotReported(d.imaging), {
    id: "imaging",
    header: "Imaging",
    sortFn: "text",
    cell: (info) => <Maybe text={info.getValue()} />,
  }),
  helper.accessor("task", {
    id: "task",
    header: "Task",
    enableSorting: false,
    filterFn: "inSet",
    getUniqueValues: (d) => d.task,
    cell: (info) => <TagList items={info.getValue()} />,
  }),
  helper.accessor((d) => orNotReported(d.body_region), {
    id: "region",
    header: "Body region",
    sortFn: "text",
    filterFn: "inSet",
    cell: (info) => <Maybe text={info.getValue()} />,
  }),
  helper.accessor((d) => d.patients ?? undefined, {
    id: "patients",
    header: "Patients",
    sortFn: "basic",
    sortUndefined: "last",
    cell: (info) => <Maybe text={formatCount(info.getValue())} />,
  }),
  helper.accessor((d) => d.num_classes ?? undefined, {
    id: "classes",
    header: "Classes",
    sortFn: "basic",
    sortUndefined: "last",
    cell: (info) => <Maybe text={formatCount(info.getValue())} />,
  }),
  helper.accessor("labels", {
    id: "labels",
    header: "Labels",
    enableSorting: false,
    cell: (info) => <TagList items={info.getValue()} />,
  }),
  helper.accessor((d) => orNotReported(d.license), {
    id: "license",
    header: "Licence",
    sortFn: "text",
    filterFn: "inSet",
    cell: (info) => <Maybe text={info.getValue()} />,
  }),
  helper.accessor((d) => orNotReported(d.access), {
    id: "access",
    header: "Access",
    sortFn: "text",
    filterFn: "inSet",
    cell: (info) => <Maybe text={info.getValue()} />,
  }),
  helper.accessor("commercial_use", { id: "commercial", header: "Commercial use", sortFn: "text", filterFn: "inSet" }),
  helper.accessor((d) => d.year ?? undefined, {
    id: "year",
    header: "Year",
    sortFn: "basic",
    sortUndefined: "last",
    cell: (info) => <Maybe text={formatText(info.getValue()?.toString())} />,
  }),
  helper.accessor((d) => d.figures.kind, {
    id: "figures",
    header: "Label figures",
    // Strongest figures first when sorted ascending: per-image file, published table, totals only, none.
    sortFn: (a, b) => FIGURE_KINDS.indexOf(a.original.figures.kind) - FIGURE_KINDS.indexOf(b.original.figures.kind),
    filterFn: "inSet",
    cell: (info) => <FiguresCell figures={info.row.original.figures} />,
  }),
]);
