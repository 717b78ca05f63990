"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { debounce, useQueryStates } from "nuqs";
import {
  useTable,
  type ColumnFiltersState,
  type RowSelectionState,
  type SortingState,
  type Updater,
  functionalUpdate,
} from "@tanstack/react-table";
import type { Dataset } from "@/lib/catalog/schema";
import { SECTIONS } from "@/lib/catalog/vocabulary";
import {
  CATALOG_COLUMNS,
  CATALOG_FACETS,
  DEFAULT_CATALOG_COLUMNS,
  DEFAULT_CATALOG_SORT,
  MAX_COMPARE,
  MIN_COMPARE,
  catalogParsers,
  serializeCatalogParams,
  type CatalogFacetKey,
} from "@/lib/search-params";
import {
  catalogColumns,
  catalogFeatures,
  COLUMN_REM,
  DESCRIPTION_MIN_REM,
  toCatalogRows,
  type CatalogRow,
} from "@/components/catalog/catalog-columns";
import type { DatasetFigures } from "@/lib/summary/coverage";
import { CatalogTableBody, VIRTUAL_FROM } from "@/components/catalog/catalog-table-body";
import { ColumnPicker } from "@/components/catalog/column-picker";
import { DownloadButton } from "@/components/share/download-button";
import { FacetFilter } from "@/components/catalog/facet-filter";
import { NOT_REPORTED } from "@/lib/format";
import { cn } from "@/lib/utils";

const NO_FIGURES: Record<string, DatasetFigures> = {};

/**
 * Typed filters change the table at once and the address once typing pauses: writing the URL
 * (Next's patched history.replaceState) on every keystroke cost about as much as drawing the table.
 */
const TYPED = { history: "replace", limitUrlUpdates: debounce(300) } as const;

interface CatalogExplorerProps {
  datasets: Dataset[];
  /** Each dataset's kind of label figures and largest labels, by id (none when missing). */
  figures?: Record<string, DatasetFigures>;
  /** Dataset id → words for the findings it labels, so that searching a finding finds its datasets. */
  findingTerms?: Record<string, string>;
}

export function CatalogExplorer({ datasets, figures = NO_FIGURES, findingTerms }: CatalogExplorerProps) {
  const [params, setParams] = useQueryStates(catalogParsers, { history: "push" });
  const rows = useMemo(() => toCatalogRows(datasets, figures, findingTerms), [datasets, figures, findingTerms]);
  const knownValues = useMemo(() => collectFacetValues(rows), [rows]);
  const section = SECTIONS.find((s) => s.slug === params.m) ?? SECTIONS[0];

  const columnFilters: ColumnFiltersState = [];
  if (section.modality) columnFilters.push({ id: "modality", value: [section.modality] });
  for (const facet of CATALOG_FACETS) {
    // Values that no dataset has (a stale or mistyped link) are ignored rather than emptying the table.
    const chosen = params[facet.key].filter((v) => knownValues[facet.key].has(v));
    if (chosen.length > 0) columnFilters.push({ id: facet.column, value: chosen });
  }
  if (params.min !== null || params.max !== null) columnFilters.push({ id: "size", value: [params.min, params.max] });

  const sortId = params.sort.id;
  const sortDesc = params.sort.desc;
  const sorting: SortingState = useMemo(() => [{ id: sortId, desc: sortDesc }], [sortId, sortDesc]);
  // The title carries the link to each dataset, so it is always shown; no valid column at all means the default set.
  const cols = params.cols.length > 0 ? params.cols : DEFAULT_CATALOG_COLUMNS;
  const columnVisibility = Object.fromEntries(
    CATALOG_COLUMNS.map((c) => [c.id, c.id === "title" || cols.includes(c.id)]),
  );

  // Which rows are ticked for comparison is a passing choice, not a view to share, so it is not in the URL.
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const table = useTable({
    features: catalogFeatures,
    columns: catalogColumns,
    data: rows,
    state: {
      globalFilter: params.q,
      columnFilters,
      sorting,
      columnVisibility: { ...columnVisibility, search: false },
      rowSelection,
    },
    getRowId: (row) => row.id,
    onRowSelectionChange: setRowSelection,
    globalFilterFn: "allTerms",
    getColumnCanGlobalFilter: (column) => column.id === "search",
    enableSortingRemoval: false,
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = functionalUpdate(updater, sorting)[0] ?? DEFAULT_CATALOG_SORT;
      void setParams({ sort: { id: next.id, desc: next.desc } });
    },
  });

  // Every row in the sort order, filters aside (TanStack's sort is a total order: ties go by row
  // index, so the filtered rows keep these places). The short catalog keeps the rows a filter leaves
  // out in the page, hidden, in their sorted places: a keystroke then flips attributes and moves no row.
  const orderTable = useTable({
    features: catalogFeatures,
    columns: catalogColumns,
    data: rows,
    state: { sorting },
    getRowId: (row) => row.id,
    enableSortingRemoval: false,
  });
  const order = orderTable.getRowModel().rows;
  const coreRows = table.getCoreRowModel().rowsById;
  const allRows = useMemo(() => order.map((r) => coreRows[r.id]!), [order, coreRows]);
  const visibleRows = table.getRowModel().rows;
  const visibleColumnIds = table.getVisibleLeafColumns().map((c) => c.id);
  const modalityCounts = table.getColumn("modality")?.getFacetedUniqueValues() ?? new Map<string, number>();
  const filtersActive = params.q !== "" || columnFilters.some((f) => f.id !== "modality");
  const baseSearch = serializeCatalogParams({ ...params });

  return (
    <div className="space-y-4">
      <nav aria-label="Modality sections" className="relative overflow-x-auto">
        <ul className="flex min-w-max gap-1 border-b border-line">
          {SECTIONS.map((s) => {
            const count = s.modality
              ? (modalityCounts.get(s.modality) ?? 0)
              : [...modalityCounts.values()].reduce((a, b) => a + b, 0);
            const active = s.slug === section.slug;
            return (
              <li key={s.slug}>
                <Link
                  href={serializeCatalogParams(baseSearch || "?", { m: s.slug === "all" ? null : s.slug }) || "/"}
                  scroll={false}
                  // Each href holds the search words: prefetching would fetch every section again per keystroke.
                  prefetch={false}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "-mb-px inline-block border-b-2 px-3 py-2 text-sm",
                    active ? "border-accent font-semibold text-fg" : "border-transparent text-muted hover:text-fg",
                  )}
                >
                  {s.label} <span className="tabular-nums">({count})</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-[16rem] flex-1">
          <label htmlFor="catalog-search" className="mb-1 block text-sm font-medium">
            Search title, description, keywords and labels
          </label>
          <input
            id="catalog-search"
            type="search"
            value={params.q}
            onChange={(e) => void setParams({ q: e.target.value || null }, TYPED)}
            placeholder="e.g. chest pneumonia"
            className="w-full rounded-md border border-line bg-surface px-3 py-2"
          />
        </div>
        <SizeInput label="Min size" value={params.min} onChange={(min) => void setParams({ min }, TYPED)} />
        <SizeInput label="Max size" value={params.max} onChange={(max) => void setParams({ max }, TYPED)} />
        <ColumnPicker columns={CATALOG_COLUMNS} visible={cols} onChange={(cols) => void setParams({ cols })} />
        <CompareSelected ids={Object.keys(rowSelection).filter((id) => rowSelection[id])} />
        <DownloadButton
          filename="label-atlas-catalog.csv"
          label={`Download CSV (${visibleRows.length})`}
          getText={async () => (await import("@/lib/catalog/export")).toCatalogCsv(visibleRows.map((r) => r.original))}
        />
      </div>

      <div className="flex flex-wrap gap-2">
        {CATALOG_FACETS.map((facet) => (
          <FacetFilter
            key={facet.key}
            label={facet.label}
            counts={table.getColumn(facet.column)?.getFacetedUniqueValues() ?? new Map()}
            chosen={params[facet.key]}
            onChange={(values) => void setParams({ [facet.key]: values } as Partial<Record<CatalogFacetKey, string[]>>)}
          />
        ))}
        {filtersActive && (
          <button
            type="button"
            onClick={() =>
              void setParams({
                q: null,
                min: null,
                max: null,
                task: null,
                access: null,
                license: null,
                region: null,
                commercial: null,
                figures: null,
              })
            }
            className="rounded-md px-3 py-1.5 text-sm text-link underline"
          >
            Clear filters
          </button>
        )}
      </div>

      <p role="status" className="text-sm text-muted">
        <span data-testid="row-count">
          {visibleRows.length} of {rows.length} datasets
        </span>
        {params.min !== null || params.max !== null
          ? " (a size range leaves out datasets whose size is not reported)"
          : ""}
      </p>

      <div className="relative overflow-x-auto rounded-lg border border-line">
        <table
          className="w-full table-fixed border-collapse text-left text-sm"
          style={{ minWidth: `${tableMinRem(visibleColumnIds)}rem` }}
          aria-rowcount={visibleRows.length >= VIRTUAL_FROM ? visibleRows.length + 1 : undefined}
        >
          <caption className="sr-only">
            Datasets in the {section.label} section, sorted by {describeSort(params.sort)}
          </caption>
          <colgroup>
            {visibleColumnIds.map((id) => (
              <col key={id} style={COLUMN_REM[id] ? { width: `${COLUMN_REM[id]}rem` } : undefined} />
            ))}
          </colgroup>
          <thead className="bg-surface-2">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className="px-3 py-2 align-bottom font-semibold whitespace-nowrap"
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className="inline-flex items-center gap-1 hover:underline"
                        >
                          <table.FlexRender header={header} />
                          <span aria-hidden="true" className="text-muted">
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <CatalogTableBody
            rows={visibleRows}
            allRows={allRows}
            columnsKey={visibleColumnIds.join(",")}
            columnCount={visibleColumnIds.length}
          />
        </table>
        {visibleRows.length === 0 && (
          <div className="p-8 text-center">
            <p className="font-medium">No dataset matches these filters.</p>
            <p className="mt-1 text-sm text-muted">
              Try fewer words, another section, or{" "}
              <Link href="/" className="text-link underline">
                clear everything
              </Link>
              .
            </p>
          </div>
        )}
      </div>
    </div>
  );
}

function CompareSelected({ ids }: { ids: string[] }) {
  const ok = ids.length >= MIN_COMPARE && ids.length <= MAX_COMPARE;
  const label = `Compare selected (${ids.length})`;
  return ok ? (
    <Link
      href={`/compare?ids=${ids.join(",")}`}
      className="rounded-md bg-accent px-3 py-2 text-sm font-medium text-white dark:text-black"
    >
      {label}
    </Link>
  ) : (
    <span
      className="rounded-md border border-line px-3 py-2 text-sm text-muted"
      title={`Tick ${MIN_COMPARE} to ${MAX_COMPARE} datasets to compare them`}
    >
      {label}
      <span className="sr-only">
        : tick {MIN_COMPARE} to {MAX_COMPARE} datasets
      </span>
    </span>
  );
}

/** The fixed columns' widths and the description's narrowest, in rem. */
function tableMinRem(columnIds: string[]): number {
  return columnIds.reduce((sum, id) => sum + (COLUMN_REM[id] ?? DESCRIPTION_MIN_REM), 0);
}

function describeSort(sort: { id: string; desc: boolean }): string {
  const label = CATALOG_COLUMNS.find((c) => c.id === sort.id)?.label ?? sort.id;
  return `${label.toLowerCase()}, ${sort.desc ? "descending" : "ascending"}`;
}

function collectFacetValues(rows: CatalogRow[]): Record<CatalogFacetKey, Set<string>> {
  const values = Object.fromEntries(CATALOG_FACETS.map((f) => [f.key, new Set<string>()])) as Record<
    CatalogFacetKey,
    Set<string>
  >;
  for (const row of rows) {
    row.task.forEach((t) => values.task.add(t));
    values.access.add(row.access ?? NOT_REPORTED);
    values.license.add(row.license ?? NOT_REPORTED);
    values.region.add(row.body_region ?? NOT_REPORTED);
    values.commercial.add(row.commercial_use);
    values.figures.add(row.figures.kind);
  }
  return values;
}

interface SizeInputProps {
  label: string;
  value: number | null;
  onChange: (value: number | null) => void;
}

function SizeInput({ label, value, onChange }: SizeInputProps) {
  const id = `size-${label.toLowerCase().replace(/\s+/g, "-")}`;
  return (
    <div className="w-32">
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={0}
        value={value ?? ""}
        onChange={(e) => {
          const n = Number.parseInt(e.target.value, 10);
          onChange(Number.isFinite(n) && n >= 0 ? n : null);
        }}
        className="w-full rounded-md border border-line bg-surface px-3 py-2"
      />
    </div>
  );
}
