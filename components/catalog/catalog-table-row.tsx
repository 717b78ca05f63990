"use client";

import { memo, type Ref } from "react";
import { FlexRender, type Row } from "@tanstack/react-table";
import type { catalogFeatures, CatalogRow } from "@/components/catalog/catalog-columns";
import { cn } from "@/lib/utils";

export type TableRow = Row<typeof catalogFeatures, CatalogRow>;

export interface CatalogTableBodyProps {
  /** The rows that pass the filters, in sorted order. */
  rows: TableRow[];
  /** Every row, filtered or not, in the sort order (a short catalog keeps the others in the page, hidden). */
  allRows: TableRow[];
  /** The visible columns' ids, joined: rows render again when the column picker changes them. */
  columnsKey: string;
  columnCount: number;
}

export interface CatalogTableRowProps {
  row: TableRow;
  columnsKey: string;
  /** Whether the row is ticked for comparison (its checkbox reads it from the row). */
  selected: boolean;
  /** Filtered out: kept in the page but hidden, so that typing toggles an attribute instead of building rows. */
  hidden?: boolean;
  /** Set for virtual rows: their place in the whole table, and the virtualizer's measuring ref. */
  index?: number;
  measure?: Ref<HTMLTableRowElement>;
}

/**
 * One dataset's row, drawn again only when its dataset, the visible columns, its tick, its place or
 * whether it is hidden changes. TanStack makes new row objects on every filtering, but over the
 * same dataset objects, so a keystroke renders only the rows that appear or hide, and a ticked box
 * only its own row. Hiding or showing a row sets one attribute: its cells are not drawn again.
 */
export const CatalogTableRow = memo(
  function CatalogTableRow({ row, columnsKey, selected, hidden, index, measure }: CatalogTableRowProps) {
    return (
      <tr
        ref={measure}
        hidden={hidden}
        data-index={index}
        aria-rowindex={index === undefined ? undefined : index + 2}
        className={cn("border-t border-line align-top", selected && "bg-surface-2")}
      >
        <RowCells row={row} columnsKey={columnsKey} selected={selected} />
      </tr>
    );
  },
  (a, b) =>
    a.row.original === b.row.original &&
    a.columnsKey === b.columnsKey &&
    a.selected === b.selected &&
    a.hidden === b.hidden &&
    a.index === b.index &&
    a.measure === b.measure,
);

const RowCells = memo(
  function RowCells({ row }: Pick<CatalogTableRowProps, "row" | "columnsKey" | "selected">) {
    return row.getVisibleCells().map((cell) => (
      <td key={cell.id} className="px-3 py-2 break-words">
        <FlexRender cell={cell} />
      </td>
    ));
  },
  (a, b) => a.row.original === b.row.original && a.columnsKey === b.columnsKey && a.selected === b.selected,
);
