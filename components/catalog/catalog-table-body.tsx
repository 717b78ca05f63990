"use client";

import { lazy, Suspense } from "react";
import { CatalogTableRow, type CatalogTableBodyProps, type TableRow } from "@/components/catalog/catalog-table-row";

/**
 * From this many rows on, only the rows near the screen are in the page (the rest are spacers of
 * their measured height): a keystroke then renders tens of rows, not thousands. Below it every row
 * is in the page, so find-in-page, printing and screen readers see the whole table.
 */
export const VIRTUAL_FROM = 200;
/** The virtualizer is loaded only for a catalog that long (the 72-row catalog never needs it). */
const VirtualTableBody = lazy(() => import("@/components/catalog/catalog-virtual-body"));

export function CatalogTableBody({ rows, allRows, columnsKey, columnCount }: CatalogTableBodyProps) {
  // One list, so that a row moving between shown and hidden keeps its key's place among siblings
  // (two lists would unmount it from one and mount it afresh in the other).
  const plain = (shown: TableRow[], rest: TableRow[] = []) => (
    <tbody>
      {[...shown, ...rest].map((row, i) => (
        <CatalogTableRow
          key={row.id}
          row={row}
          columnsKey={columnsKey}
          selected={row.getIsSelected()}
          hidden={i >= shown.length}
        />
      ))}
    </tbody>
  );
  if (rows.length < VIRTUAL_FROM) {
    // In a short catalog the rows the filters leave out follow the others, hidden: a keystroke that
    // narrows or widens the search then flips their `hidden` attribute instead of removing and
    // rebuilding them.
    const shown = new Set(rows.map((r) => r.id));
    return plain(rows, allRows.length < VIRTUAL_FROM ? allRows.filter((r) => !shown.has(r.id)) : []);
  }
  // Until the virtualizer has loaded, the first rows (a screenful and more).
  return (
    <Suspense fallback={plain(rows.slice(0, 40))}>
      <VirtualTableBody rows={rows} allRows={allRows} columnsKey={columnsKey} columnCount={columnCount} />
    </Suspense>
  );
}
