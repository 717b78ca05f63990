"use client";

import { useId } from "react";
import { useDisclosure } from "@/components/ui/use-disclosure";
import { cn } from "@/lib/utils";

interface FacetFilterProps {
  label: string;
  /** Value → number of datasets that match every other active filter. */
  counts: Map<string, number>;
  chosen: string[];
  onChange: (values: string[] | null) => void;
}

/**
 * A facet's choices in a disclosure. Its options are in the page only while it is open: closed, a
 * keystroke in the search (which changes every count and so the options' order) costs nothing here.
 */
export function FacetFilter({ label, counts, chosen, onChange }: FacetFilterProps) {
  const id = useId();
  const { open, details, summary } = useDisclosure();
  // Keep chosen values listed even when other filters leave them with no match, so they can be unticked.
  const values = open
    ? [...new Set([...counts.keys(), ...chosen])].sort(
        (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a.localeCompare(b),
      )
    : [];
  const active = chosen.length;
  // Each option's id follows its value, not its place: the places change as the counts do.
  const idOf = new Map([...values].sort((a, b) => a.localeCompare(b)).map((v, i) => [v, `${id}-${i}`]));

  function toggle(value: string, on: boolean) {
    const next = on ? [...chosen, value] : chosen.filter((v) => v !== value);
    onChange(next.length > 0 ? next : null);
  }

  return (
    <details className="group relative" {...details}>
      <summary
        {...summary}
        className={cn(
          "cursor-pointer list-none rounded-md border px-3 py-1.5 text-sm select-none",
          active > 0 ? "border-accent bg-accent-soft font-medium" : "border-line bg-surface hover:bg-surface-2",
        )}
      >
        {label}
        {active > 0 && <span className="ml-1">({active})</span>}
        <span aria-hidden="true" className="ml-1 text-muted">
          ▾
        </span>
      </summary>
      <fieldset className="z-20 mt-1 hidden max-h-80 w-72 max-w-[calc(100vw-2rem)] overflow-y-auto rounded-md border border-line bg-surface p-2 shadow-lg group-open:block sm:absolute">
        <legend className="sr-only">{label}</legend>
        {values.map((value) => (
          <div key={value} className="flex items-center gap-2 rounded px-1 py-1 hover:bg-surface-2">
            <input
              id={idOf.get(value)}
              type="checkbox"
              checked={chosen.includes(value)}
              onChange={(e) => toggle(value, e.target.checked)}
              className="size-4 accent-(--accent)"
            />
            <label htmlFor={idOf.get(value)} className="flex-1 text-sm">
              {value}
            </label>
            <span className="text-xs text-muted tabular-nums">{counts.get(value) ?? 0}</span>
          </div>
        ))}
      </fieldset>
    </details>
  );
}
