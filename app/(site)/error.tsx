"use client";

import Link from "next/link";
import { useEffect } from "react";

export default function Error({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="space-y-3 py-12 text-center">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p className="text-muted">This view could not be shown. Try again, or go back to the catalog.</p>
      <div className="flex justify-center gap-4">
        <button type="button" onClick={reset} className="rounded-md border border-line px-3 py-2">
          Try again
        </button>
        <Link href="/" className="px-3 py-2 text-link underline">
          Back to the catalog
        </Link>
      </div>
    </div>
  );
}
