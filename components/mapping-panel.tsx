"use client";

import { useId } from "react";
import type { ColumnMapping } from "@/lib/roles";

interface MappingPanelProps {
  header: string[];
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
}

const ROLES = [
  ["image", "Image id"],
  ["patient", "Patient id"],
  ["sex", "Sex"],
  ["age", "Age"],
  ["view", "View"],
  ["split", "Split"],
] as const;

/** The detected column roles, each one correctable; every change recomputes the charts. */
export function MappingPanel({ header, mapping, onChange }: MappingPanelProps) {
  const id = useId();
  const set = (patch: Partial<ColumnMapping>) => onChange({ ...mapping, ...patch });
  const select = "w-full rounded-md border border-line bg-surface px-2 py-1.5 text-sm";
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3 rounded-lg border border-line p-4">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        Columns
      </h2>
      <p className="text-sm text-muted">Detected from the header and the first rows. Correct anything that is wrong.</p>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {ROLES.map(([role, label]) => (
          <label key={role} className="text-sm">
            <span className="mb-1 block font-medium">{label}</span>
            <select
              value={mapping[role] ?? ""}
              onChange={(e) => set({ [role]: e.target.value || null })}
              className={select}
            >
              <option value="">(none)</option>
              {header.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="text-sm">
          <span className="mb-1 block font-medium">Label encoding</span>
          <select
            value={mapping.encoding}
            onChange={(e) =>
              set({ encoding: e.target.value as ColumnMapping["encoding"], labels: mapping.labels.slice(0, 1) })
            }
            className={select}
          >
            <option value="delimited">one column, several labels joined</option>
            <option value="single">one column, one label</option>
            <option value="binary">one 0/1 column per label</option>
          </select>
        </label>
        {mapping.encoding !== "binary" && (
          <label className="text-sm">
            <span className="mb-1 block font-medium">Labels column</span>
            <select
              value={mapping.labels[0] ?? ""}
              onChange={(e) => set({ labels: e.target.value ? [e.target.value] : [] })}
              className={select}
            >
              <option value="">(choose)</option>
              {header.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>
        )}
        {mapping.encoding === "delimited" && (
          <label className="text-sm">
            <span className="mb-1 block font-medium">Separator between labels</span>
            <input
              value={mapping.separator}
              maxLength={3}
              onChange={(e) => set({ separator: e.target.value })}
              className={select}
            />
          </label>
        )}
        <label className="flex items-center gap-2 self-end text-sm">
          <input
            type="checkbox"
            checked={mapping.rowsPerImage}
            onChange={(e) => set({ rowsPerImage: e.target.checked })}
            className="size-4"
          />
          Several rows per image (e.g. one per box): count each image once
        </label>
      </div>
      {mapping.encoding === "binary" && (
        <fieldset className="text-sm">
          <legend className="mb-1 font-medium">
            0/1 label columns (1 positive, 0 negative, -1 uncertain, blank not labelled)
          </legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {header.map((h) => (
              <label key={h} className="flex items-center gap-1.5">
                <input
                  type="checkbox"
                  checked={mapping.labels.includes(h)}
                  onChange={(e) =>
                    set({
                      labels: e.target.checked
                        ? header.filter((c) => c === h || mapping.labels.includes(c))
                        : mapping.labels.filter((c) => c !== h),
                    })
                  }
                  className="size-4"
                />
                {h}
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </section>
  );
}
