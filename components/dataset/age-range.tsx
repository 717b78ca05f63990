import { AGE_BUCKETS } from "@/lib/summary/model";

export function AgeRange({
  from,
  to,
  onChange,
}: {
  from: number | null;
  to: number | null;
  onChange: (from: number | null, to: number | null) => void;
}) {
  const options = AGE_BUCKETS.map((b, i) => ({ value: i * 5, label: b }));
  const toValue = (s: string) => (s === "" ? null : Number(s));
  return (
    <div className="flex items-end gap-2 text-sm">
      <label className="flex flex-col">
        <span className="text-muted">Age from</span>
        <select
          value={from ?? ""}
          onChange={(e) => onChange(toValue(e.target.value), to)}
          className="rounded-md border border-line bg-surface px-2 py-1.5"
        >
          <option value="">any</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label.split("-")[0]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        <span className="text-muted">to</span>
        <select
          value={to ?? ""}
          onChange={(e) => onChange(from, toValue(e.target.value))}
          className="rounded-md border border-line bg-surface px-2 py-1.5"
        >
          <option value="">any</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label.includes("-") ? o.label.split("-")[1] : o.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
