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
import { breakdownChartHeight, compareChartHeight } from "@/components/charts/chart-size";
import type { BreakdownChart as BreakdownChartType } from "@/components/charts/breakdown-chart";
import type { CompareChart as CompareChartType } from "@/components/compare/compare-chart";
import { describeCell } from "@/lib/compare/view";
import { formatCount } from "@/lib/format";

// recharts is most of a dataset page's JavaScript and draws nothing on the server, so charts load
// after the page is interactive. Until a chart is drawn, a placeholder of exactly its size shows
// the same figures as plain text (server-rendered, so nothing jumps and nothing reads as empty).
// Charts are drawn when they come near the screen, then the rest one per idle period (one short
// task each), and all at once before printing, so a printout or a full-page capture is complete.

export const loadBreakdownChart = () => import("@/components/charts/breakdown-chart").then((m) => m.BreakdownChart);
const loadCompareChart = () => import("@/components/compare/compare-chart").then((m) => m.CompareChart);

/**
 * Charts waiting to be drawn, in the order they mounted (the page's order). Drawing is a transition
 * (React renders it in slices, so no chart makes a long task) except before printing, which needs
 * every chart in the layout that follows the event: `draw(true)` inside flushSync.
 */
const waiting = new Set<(urgent?: boolean) => void>();
let scheduled = false;
let listening = false;

function idle(run: () => void): void {
  if (typeof requestIdleCallback === "function") requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 50);
}

function drawNextWhenIdle(): void {
  if (scheduled || waiting.size === 0) return;
  scheduled = true;
  idle(() => {
    scheduled = false;
    const next = waiting.values().next().value;
    if (next) {
      waiting.delete(next);
      next();
    }
    drawNextWhenIdle();
  });
}

function drawAllNow(): void {
  const all = [...waiting];
  waiting.clear();
  // Synchronously, so the print layout that follows this event already has every chart.
  flushSync(() => all.forEach((draw) => draw(true)));
}

function listenForPrint(): void {
  if (listening) return;
  listening = true;
  window.addEventListener("beforeprint", drawAllNow);
  window.matchMedia?.("print").addEventListener?.("change", (e) => e.matches && drawAllNow());
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
    // A click repaints the charts on screen first; charts off screen follow in a deferred render,
    // so a filter change on a page of many charts paints within a frame or two.
    const deferred = useDeferredValue(props);
    const shown = near ? props : deferred;

    useEffect(() => {
      listenForPrint();
      const draw = (urgent = false) => {
        waiting.delete(draw);
        const update = () => {
          setWanted(true);
          if (loaded) setChart(() => loaded);
        };
        if (urgent) update();
        else startTransition(update);
      };
      waiting.add(draw);
      // Fetch the chart code while the browser is idle, so that drawing (and printing) need not wait.
      idle(() => void ensure().then(drawNextWhenIdle));
      return () => void waiting.delete(draw);
    }, []);

    // Drawn once it comes near the screen, or when the idle queue or printing asks for it.
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

type BreakdownProps = ComponentProps<typeof BreakdownChartType>;
type CompareProps = ComponentProps<typeof CompareChartType>;

function TextPlaceholder({ items }: { items: string[] }) {
  return <p className="h-full overflow-hidden rounded bg-surface-2 p-3 text-xs text-muted">{items.join(" · ")}</p>;
}

const slantedHeight = (p: BreakdownProps) =>
  breakdownChartHeight(
    p.data.map((d) => d.name),
    p.slanted ?? false,
    p.height,
  );

export const BreakdownChart = lazyChart<BreakdownProps>({
  load: loadBreakdownChart,
  height: slantedHeight,
  placeholder: (p) => <TextPlaceholder items={p.data.map((d) => `${d.name}: ${formatCount(d.images)}`)} />,
});

export const CompareChart = lazyChart<CompareProps>({
  load: loadCompareChart,
  height: (p) => compareChartHeight(p.comparison.rows.length, p.comparison.columns.length),
  placeholder: (p) => (
    <TextPlaceholder
      items={p.comparison.rows.map((r) => `${r.finding}: ${r.cells.map((c) => describeCell(c, p.metric)).join(" / ")}`)}
    />
  ),
});
