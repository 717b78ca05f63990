"use client";

import { useState } from "react";
import { measureElement, useWindowVirtualizer } from "@tanstack/react-virtual";
import { CatalogTableRow, type CatalogTableBodyProps } from "@/components/catalog/catalog-table-row";

/** A first guess at a row's height before it is measured (descriptions wrap to 3–4 lines). */
const ROW_ESTIMATE = 88;

/** The rows near the screen, between spacers of the other rows' measured (or estimated) height. */
export default function CatalogVirtualBody({ rows, columnsKey, columnCount }: CatalogTableBodyProps) {
  // Where the table body starts on the page: the virtualizer works in window coordinates.
  const [top, setTop] = useState(0);
  const measureTop = (el: HTMLTableSectionElement | null) => {
    if (el) setTop(el.getBoundingClientRect().top + window.scrollY);
  };
  const virtualizer = useWindowVirtualizer<HTMLTableRowElement>({
    count: rows.length,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 6,
    scrollMargin: top,
    getItemKey: (i) => rows[i]!.id,
    // A row that is not laid out (a hidden tab, a test DOM) measures 0: it keeps its estimate.
    measureElement: (el, entry, instance) => measureElement(el, entry, instance) || ROW_ESTIMATE,
  });

  const items = virtualizer.getVirtualItems();
  const before = items.length > 0 ? items[0]!.start - top : 0;
  const after = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]!.end - top) : 0;
  return (
    <tbody ref={measureTop}>
      <Spacer height={before} columnCount={columnCount} />
      {items.map((item) => {
        const row = rows[item.index]!;
        return (
          <CatalogTableRow
            key={row.id}
            row={row}
            columnsKey={columnsKey}
            selected={row.getIsSelected()}
            index={item.index}
            measure={virtualizer.measureElement}
          />
        );
      })}
      <Spacer height={after} columnCount={columnCount} />
    </tbody>
  );
}

function Spacer({ height, columnCount }: { height: number; columnCount: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true">
      <td colSpan={columnCount} style={{ height, padding: 0 }} />
    </tr>
  );
}
