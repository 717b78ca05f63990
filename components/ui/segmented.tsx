"use client";

import { useId } from "react";
import { cn } from "@/lib/utils";

interface SegmentedProps<T extends string> {
  legend: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}

/** A row of radio buttons that looks like a segmented control; arrow keys move between options. */
export function Segmented<T extends string>({ legend, options, value, onChange }: SegmentedProps<T>) {
  const name = useId();
  return (
    <fieldset className="flex items-center gap-2 text-sm">
      <legend className="sr-only">{legend}</legend>
      <span aria-hidden="true" className="text-muted">
        {legend}
      </span>
      <div className="inline-flex overflow-hidden rounded-md border border-line">
        {options.map((o) => (
          <label
            key={o.value}
            className={cn(
              "cursor-pointer px-2.5 py-1 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-(--accent)",
              o.value === value ? "bg-accent-soft font-semibold" : "bg-surface hover:bg-surface-2",
            )}
          >
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={o.value === value}
              onChange={() => onChange(o.value)}
              className="sr-only"
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
