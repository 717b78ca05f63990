"use client";

import dynamic from "next/dynamic";

// recharts is most of a dataset page's JavaScript. It draws nothing on the server anyway, so the
// charts load after the page is interactive; the text summaries and tables are there from the start.
const placeholder = () => <div className="h-48 animate-pulse rounded bg-surface-2" />;

export const LabelBarChart = dynamic(() => import("@/components/label-bar-chart").then((m) => m.LabelBarChart), {
  ssr: false,
  loading: placeholder,
});

export const BreakdownChart = dynamic(() => import("@/components/breakdown-chart").then((m) => m.BreakdownChart), {
  ssr: false,
  loading: placeholder,
});

export const CompareChart = dynamic(() => import("@/components/compare-chart").then((m) => m.CompareChart), {
  ssr: false,
  loading: placeholder,
});
