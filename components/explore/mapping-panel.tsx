"use client";

import { useId } from "react";
import type { ColumnMapping } from "@/lib/metadata/roles";

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

const FIELD = "w-full rounded-md border border-line bg-surface px-2 py-1.5 text-sm";

/** The detected column roles, each one correctable; every change recomputes the charts. */
export function MappingPanel({ header, mapping, onChange }: MappingPanelProps) {
  const id = useId();
  const set = (patch: Partial<ColumnMapping>) => onChange({ ...mapping, ...patch });
  const columnOptions = header.map((h) => (
    <option key={h} value={h}>
      {h}
    </option>
  ));
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3 rounded-lg border border-line p-4">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        Columns
      </h2>
      <p className="text-sm text-muted">Detected from the header and the first rows. Correct anything that is wrong.</p>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {ROLES.map(([role, label]) => (
          <Field key={role} id={`${id}-${role}`} label={label}>
            <select
              id={`${id}-${role}`}
              value={mapping[role] ?? ""}
              onChange={(e) => set({ [role]: e.target.value || null })}
              className={FIELD}
            >
              <option value="">(none)</option>
              {columnOptions}
            </select>
          </Field>
        ))}
        <Field id={`${id}-encoding`} label="Label encoding">
          <select
            id={`${id}-encoding`}
            value={mapping.encoding}
            onChange={(e) =>
              set({ encoding: e.target.value as ColumnMapping["encoding"], labels: mapping.labels.slice(0, 1) })
            }
            className={FIELD}
          >
            <option value="delimited">one column, several labels joined</option>
            <option value="single">one column, one label</option>
            <option value="binary">one 0/1 column per label</option>
          </select>
        </Field>
        {mapping.encoding !== "binary" && (
          <Field id={`${id}-labels`} label="Labels column">
            <select
              id={`${id}-labels`}
              value={mapping.labels[0] ?? ""}
              onChange={(e) => set({ labels: e.target.value ? [e.target.value] : [] })}
              className={FIELD}
            >
              <option value="">(choose)</option>
              {columnOptions}
            </select>
          </Field>
        )}
        {mapping.encoding === "delimited" && (
          <Field id={`${id}-separator`} label="Separator between labels">
            <input
              id={`${id}-separator`}
              value={mapping.separator}
              maxLength={3}
              onChange={(e) => set({ separator: e.target.value })}
              className={FIELD}
            />
          </Field>
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

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="text-sm">
      <label htmlFor={id} className="mb-1 block font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}
