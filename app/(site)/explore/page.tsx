import type { Metadata } from "next";
import { Suspense } from "react";
import { ExploreApp } from "@/components/explore/explore-app";

export const metadata: Metadata = {
  title: "Explore your own metadata",
  description:
    "Label distributions, co-occurrence, demographics and splits for your own metadata CSV, computed in your browser.",
};

export default function ExplorePage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold sm:text-3xl">Explore your own metadata file</h1>
      <p className="max-w-3xl text-muted">
        The same label figures as a dataset page, for a metadata CSV or Parquet file on your machine: one row per image
        (or one per box), with labels in one column, in 0/1 columns, or one label per row.
      </p>
      <Suspense fallback={<p className="text-muted">Loading…</p>}>
        <ExploreApp />
      </Suspense>
    </div>
  );
}
