"use client";

import { formatCount } from "@/lib/format";

interface CooccurrenceTableProps {
  labels: string[];
  /** matrix[i][j]: images with both labels[i] and labels[j]; the diagonal is each label's total. */
  matrix: number[][];
  mode: "count" | "percent";
  onSelect: (a: string, b: string) => void;
}

/**
 * Co-occurrence as a heatmap table. In percent mode a cell reads "of the images with the row's
 * label, this share also has the column's label". Each cell filters to images with both labels.
 */
export function CooccurrenceTable({ labels, matrix, mode, onSelect }: CooccurrenceTableProps) {
  const offDiagonal = matrix.flatMap((row, i) => row.filter((_, j) => j !== i));
  const max = Math.max(1, ...offDiagonal);
  return (
    <table className="border-collapse text-xs tabular-nums">
      <caption className="sr-only">
        Images carrying both labels{mode === "percent" ? ", as a percentage of the images with the row label" : ""}
      </caption>
      <thead>
        <tr>
          <td />
          {labels.map((l) => (
            <th key={l} scope="col" className="h-28 max-w-8 align-bottom font-normal">
              <span className="inline-block origin-bottom-left translate-x-3 -rotate-60 whitespace-nowrap">{l}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {labels.map((row, i) => (
          <tr key={row}>
            <th scope="row" className="pr-2 text-right font-normal whitespace-nowrap">
              {row}
            </th>
            {labels.map((col, j) => {
              const both = matrix[i]![j]!;
              const total = matrix[i]![i]!;
              const text =
                mode === "percent" ? (total === 0 ? "–" : `${((both / total) * 100).toFixed(1)}`) : formatCount(both);
              if (i === j) {
                return (
                  <td key={col} className="border border-line bg-surface-2 px-1 py-0.5 text-center text-muted">
                    {mode === "percent" ? "" : text}
                  </td>
                );
              }
              const strength = Math.round((both / max) * 50);
              return (
                <td
                  key={col}
                  className="border border-line p-0"
                  style={{ background: `color-mix(in srgb, var(--chart-1) ${strength}%, var(--surface))` }}
                >
                  <button
                    type="button"
                    onClick={() => onSelect(row, col)}
                    title={`${formatCount(both)} images with ${row} and ${col}`}
                    aria-label={`${row} and ${col}: ${formatCount(both)} images${mode === "percent" ? `, ${text} % of ${row}` : ""}. Filter to these images.`}
                    className="block w-full min-w-10 px-1 py-0.5 text-center hover:outline-2 hover:outline-(--accent)"
                  >
                    {text}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
