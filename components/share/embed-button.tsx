"use client";

import { useState } from "react";

/** Gives the iframe snippet for the embed view of what is on screen. */
export function EmbedButton({ height = 560 }: { height?: number }) {
  const [snippet, setSnippet] = useState("");
  return (
    <details
      className="relative text-sm"
      onToggle={(e) => {
        if ((e.target as HTMLDetailsElement).open) {
          const { origin, pathname, search } = window.location;
          setSnippet(
            `<iframe src="${origin}/embed${pathname}${search}" width="800" height="${height}" style="border:0" title="Label Atlas chart"></iframe>`,
          );
        }
      }}
    >
      <summary className="cursor-pointer list-none rounded-md border border-line px-2.5 py-1 hover:bg-surface-2">
        Embed
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-[min(32rem,90vw)] space-y-2 rounded-md border border-line bg-surface p-3 shadow-lg">
        <label htmlFor="embed-snippet" className="block font-medium">
          Paste this into a web page to show this chart
        </label>
        <textarea
          id="embed-snippet"
          readOnly
          value={snippet}
          rows={4}
          className="w-full rounded border border-line bg-surface-2 p-2 font-mono text-xs"
        />
        <button
          type="button"
          onClick={() => void navigator.clipboard.writeText(snippet)}
          className="rounded-md border border-line px-2.5 py-1"
        >
          Copy snippet
        </button>
      </div>
    </details>
  );
}
