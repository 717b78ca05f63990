"use client";

import { startTransition, useDeferredValue, useEffect, useRef, useState, type ReactNode, type RefObject } from "react";

/** Within this distance of the viewport, content counts as on screen: it is drawn before it is seen. */
const NEAR = "200px";

/**
 * Whether the element is on or near the screen, kept up to date as the page scrolls. A change is a
 * transition: what it brings in (a chart, a section's update) renders in slices, not one long task.
 */
export function useNearScreen(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new IntersectionObserver(
      (entries) => startTransition(() => setNear(entries.some((e) => e.isIntersecting))),
      {
        rootMargin: NEAR,
      },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return near;
}

/**
 * Content that, while away from the screen, takes a change in a deferred render: a click repaints
 * what the user sees first, and the rest follows in a render React can interrupt. The elements kept
 * from the last render are the same objects, so React skips them in the urgent render.
 */
export function OffscreenDeferred({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const near = useNearScreen(ref);
  const deferred = useDeferredValue(children);
  return (
    <div ref={ref} className={className}>
      {near ? children : deferred}
    </div>
  );
}
