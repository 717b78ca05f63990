"use client";

import {
  memo,
  startTransition,
  useDeferredValue,
  useEffect,
  useRef,
  useState,
  type ComponentProps,
  type ComponentType,
  type ReactNode,
} from "react";
import { flushSync } from "react-dom";
import { useNearScreen } from "@/components/ui/near-screen";
import { compareChartHeight } from "@/components/charts/chart-size";
import type { CompareChart as CompareChartType } from "@/components/compare/compare-chart";
import { describeCell } from "@/lib/compare/view";

// The comparison chart is recharts: most of its page's JavaScript, and it draws nothing on the
// server, so it loads after the page is interactive. Until it is drawn, a placeholder of exactly its
// size shows the same figures as plain text (server-rendered, so nothing jumps and nothing reads as
// empty). It is drawn when it comes near the screen or the browser is idle, whichever is first, and
// at once before printing, so a printout or a full-page capture is complete. (Label and breakdown
// charts are HTML bars, drawn on the server: see Bars.)

const loadCompareChart = () => import("@/components/compare/compare-chart").then((m) => m.CompareChart);

function idle(run: () => void): () => void {
  if (typeof requestIdleCallback === "function") {
    const id = requestIdleCallback(run, { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 50);
  return () => clearTimeout(id);
}

interface Lazy<P> {
  load: () => Promise<ComponentType<P>>;
  placeholder: (props: P) => ReactNode;
  height: (props: P) => number;
}

function lazyChart<P extends object>({ load, placeholder, height }: Lazy<P>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  // memo: a chart whose figures did not change is not drawn again (see `shown` below).
  const ensure = () =>
    (loading ??= load().then((c) => {
      loaded = memo(c) as unknown as ComponentType<P>;
      return loaded;
    }));

  function LazyChart(props: P) {
    const ref = useRef<HTMLDivElement>(null);
    const near = useNearScreen(ref);
    const [wanted, setWanted] = useState(false);
    const [Chart, setChart] = useState<ComponentType<P> | null>(null);
    // A click repaints the chart first when it is on screen; off screen it follows in a deferred render.
    const deferred = useDeferredValue(props);
    const shown = near ? props : deferred;

    // Wanted when the browser is first idle, and synchronously before printing (when the code is
    // here; otherwise as soon as it arrives).
    useEffect(() => {
      const print = () => flushSync(() => (loaded ? setChart(() => loaded) : setWanted(true)));
      const printing = window.matchMedia?.("print");
      const onPrintMedia = (e: MediaQueryListEvent) => e.matches && print();
      window.addEventListener("beforeprint", print);
      printing?.addEventListener?.("change", onPrintMedia);
      const cancelIdle = idle(() => setWanted(true));
      return () => {
        window.removeEventListener("beforeprint", print);
        printing?.removeEventListener?.("change", onPrintMedia);
        cancelIdle();
      };
    }, []);

    const draw = wanted || near;
    useEffect(() => {
      if (draw && !Chart) void ensure().then((c) => startTransition(() => setChart(() => c)));
    }, [draw, Chart]);

    const fixed = height(props);
    return (
      <div ref={ref} style={{ minHeight: fixed }} data-chart-state={Chart ? "drawn" : "waiting"}>
        {Chart ? <Chart {...shown} /> : <div style={{ height: fixed }}>{placeholder(props)}</div>}
      </div>
    );
  }
  return LazyChart;
}

type CompareProps = ComponentProps<typeof CompareChartType>;

function TextPlaceholder({ items }: { items: string[] }) {
  return <p className="h-full overflow-hidden rounded bg-surface-2 p-3 text-xs text-muted">{items.join(" · ")}</p>;
}

export const CompareChart = lazyChart<CompareProps>({
  load: loadCompareChart,
  height: (p) => compareChartHeight(p.comparison.rows.length, p.comparison.columns.length),
  placeholder: (p) => (
    <TextPlaceholder
      items={p.comparison.rows.map((r) => `${r.finding}: ${r.cells.map((c) => describeCell(c, p.metric)).join(" / ")}`)}
    />
  ),
});
