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
// server, so it loads after the page is interactive. Until a chart is drawn, a placeholder of exactly
// its size shows the same figures as plain text (server-rendered, so nothing jumps and nothing reads
// as empty). Charts are drawn one at a time, each in its own task: those near the screen first, the
// rest when the browser is idle; and all at once before printing, so a printout or a full-page
// capture is complete. (Label and breakdown charts are HTML bars, drawn on the server: see Bars.)

const loadCompareChart = () => import("@/components/compare/compare-chart").then((m) => m.CompareChart);

/**
 * Charts asking to be drawn. A recharts chart's first render fills its store from layout effects,
 * which React renders synchronously inside the commit: the render itself is a transition, in
 * slices, but charts committed together would make one long task. So one chart is drawn at a time,
 * the next after the last one's commit, in a later task.
 */
const pending: Array<() => void> = [];
let drawing: (() => void) | null = null;

function requestDraw(mount: () => void, soon: boolean): void {
  if (mount === drawing || pending.includes(mount)) {
    // Already asked at idle, now near the screen: to the front.
    if (soon && pending.includes(mount)) pending.unshift(...pending.splice(pending.indexOf(mount), 1));
    return;
  }
  if (soon) pending.unshift(mount);
  else pending.push(mount);
  drawNext();
}

function drawNext(): void {
  if (drawing || pending.length === 0) return;
  drawing = pending.shift()!;
  drawing();
}

/** The chart was drawn (or went away): the next one may start, once the browser has had a turn. */
function settled(mount: () => void): void {
  const at = pending.indexOf(mount);
  if (at >= 0) pending.splice(at, 1);
  if (drawing !== mount) return;
  drawing = null;
  idle(drawNext);
}

/** Charts not drawn yet, for printing: `draw()` inside flushSync draws one in the current render. */
const waiting = new Set<() => void>();
let listening = false;

function idle(run: () => void): void {
  if (typeof requestIdleCallback === "function") requestIdleCallback(run, { timeout: 1000 });
  else setTimeout(run, 50);
}

function drawAllNow(): void {
  const all = [...waiting];
  waiting.clear();
  // Synchronously, so the print layout that follows this event already has every chart.
  flushSync(() => all.forEach((draw) => draw()));
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
    const [Chart, setChart] = useState<ComponentType<P> | null>(null);
    const drawn = useRef(false);
    // This chart's turn in the drawing queue: load the code, then draw in a transition (a chart
    // drawn meanwhile, for printing, gives its turn back at once).
    const [mount] = useState(() => {
      const turn = () =>
        void ensure().then((c) => (drawn.current ? settled(turn) : startTransition(() => setChart(() => c))));
      return turn;
    });
    // A click repaints the charts on screen first; charts off screen follow in a deferred render,
    // so a filter change on a page of many charts paints within a frame or two.
    const deferred = useDeferredValue(props);
    const shown = near ? props : deferred;

    useEffect(() => {
      listenForPrint();
      const now = () => {
        waiting.delete(now);
        // Drawn in this render when its code is here; otherwise as soon as the code arrives.
        if (loaded) setChart(() => loaded);
        else void ensure().then((c) => setChart(() => c));
      };
      waiting.add(now);
      // Fetch the chart code while the browser is idle, then take a turn to be drawn.
      idle(() => void ensure().then(() => drawn.current || requestDraw(mount, false)));
      return () => {
        waiting.delete(now);
        settled(mount);
      };
    }, [mount]);

    // Near the screen: drawn next.
    useEffect(() => {
      if (near && !Chart) requestDraw(mount, true);
    }, [near, Chart, mount]);
    useEffect(() => {
      if (!Chart) return;
      drawn.current = true;
      settled(mount);
    }, [Chart, mount]);

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
