"use client";

import { useId } from "react";
import { useDisclosure } from "@/components/ui/use-disclosure";

interface ColumnPickerProps<Id extends string> {
  columns: readonly { id: Id; label: string }[];
  visible: Id[];
  onChange: (visible: Id[]) => void;
}

export function ColumnPicker<Id extends string>({ columns, visible, onChange }: ColumnPickerProps<Id>) {
  const id = useId();
  // The 17 checkboxes are in the page only while the picker is open.
  const { open, details, summary } = useDisclosure();
  return (
    <details className="group relative" {...details}>
      <summary
        {...summary}
        className="cursor-pointer list-none rounded-md border border-line bg-surface px-3 py-2 text-sm font-medium select-none hover:bg-surface-2"
      >
        Columns ({visible.length})
      </summary>
      <fieldset className="right-0 z-20 mt-1 hidden w-56 rounded-md border border-line bg-surface p-2 shadow-lg group-open:block sm:absolute">
        <legend className="sr-only">Visible columns</legend>
        {open &&
          columns.map((column) => (
            <div key={column.id} className="flex items-center gap-2 px-1 py-1">
              <input
                id={`${id}-${column.id}`}
                type="checkbox"
                checked={visible.includes(column.id)}
                // The title column carries the link to each dataset, so it cannot be hidden.
                disabled={column.id === "title"}
                onChange={(e) =>
                  onChange(
                    e.target.checked
                      ? columns.map((c) => c.id).filter((c) => c === column.id || visible.includes(c))
                      : visible.filter((c) => c !== column.id),
                  )
                }
                className="size-4"
              />
              <label htmlFor={`${id}-${column.id}`} className="text-sm">
                {column.label}
              </label>
            </div>
          ))}
      </fieldset>
    </details>
  );
}
