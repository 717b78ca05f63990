"use client";

import { useEffect } from "react";

export default function EmbedError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="space-y-2 p-4 text-sm">
      <h1 className="font-semibold">This chart could not be shown.</h1>
      <button type="button" onClick={reset} className="rounded-md border border-line px-3 py-1">
        Try again
      </button>
    </div>
  );
}
