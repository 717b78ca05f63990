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
  const plain = (shown: TableRow[]) => (
    <tbody>
      {shown.map((row) => (
        <CatalogTableRow key={row.id} row={row} columnsKey={columnsKey} selected={row.getIsSelected()} />
      ))}
    </tbody>
  );
  if (allRows.length < VIRTUAL_FROM) {
    // In a short catalog every row is in the page in its sorted place, and the rows the filters leave
    // out are hidden: a keystroke that narrows or widens the search flips their `hidden` attribute
    // instead of moving, removing or rebuilding rows.
    const shown = new Set(rows.map((r) => r.id));
    return (
      <tbody>
        {allRows.map((row) => (
          <CatalogTableRow
            key={row.id}
            row={row}
            columnsKey={columnsKey}
            selected={row.getIsSelected()}
            hidden={!shown.has(row.id)}
          />
        ))}
      </tbody>
    );
  }
  if (rows.length < VIRTUAL_FROM) return plain(rows);
  // Until the virtualizer has loaded, the first rows (a screenful and more).
  return (
    <Suspense fallback={plain(rows.slice(0, 40))}>
      <VirtualTableBody rows={rows} allRows={allRows} columnsKey={columnsKey} columnCount={columnCount} />
    </Suspense>
  );
}
