"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef, useState, type ComponentType } from "react";

// recharts is most of a dataset page's JavaScript. It draws nothing on the server anyway, so the
// charts load after the page is interactive; the text summaries and tables are there from the start.
const placeholder = () => <div className="h-48 animate-pulse rounded bg-surface-2" />;

export const loadLabelBarChart = () => import("@/components/charts/label-bar-chart").then((m) => m.LabelBarChart);
export const loadBreakdownChart = () => import("@/components/charts/breakdown-chart").then((m) => m.BreakdownChart);

/**
 * Mounts a chart only once its place is near the screen, so a page with many charts never draws
 * them all in one long task (the explore page must not freeze when a large file's figures arrive).
 */
function whenVisible<P extends object>(Chart: ComponentType<P>): ComponentType<P> {
  function VisibleChart(props: P) {
    const ref = useRef<HTMLDivElement>(null);
    const [visible, setVisible] = useState(false);
    useEffect(() => {
      const el = ref.current;
      if (!el) return;
      const observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            setVisible(true);
            observer.disconnect();
          }
        },
        { rootMargin: "200px" },
      );
      observer.observe(el);
      return () => observer.disconnect();
    }, []);
    return <div ref={ref}>{visible ? <Chart {...props} /> : placeholder()}</div>;
  }
  return VisibleChart;
}

export const LabelBarChart = whenVisible(dynamic(loadLabelBarChart, { ssr: false, loading: placeholder }));
export const BreakdownChart = whenVisible(dynamic(loadBreakdownChart, { ssr: false, loading: placeholder }));
export const CompareChart = whenVisible(
  dynamic(() => import("@/components/compare/compare-chart").then((m) => m.CompareChart), {
    ssr: false,
    loading: placeholder,
  }),
);
