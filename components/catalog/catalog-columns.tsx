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

export interface CatalogRow extends Dataset {
  searchText: string;
}

export function toCatalogRows(datasets: Dataset[], findingTerms: Record<string, string> = {}): CatalogRow[] {
  return datasets.map((d) => ({ ...d, searchText: toSearchText(d, findingTerms[d.id]) }));
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
]);
