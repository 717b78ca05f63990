import type { ReactNode } from "react";

interface ScrollBoxProps {
  /** Names the box for screen readers; unique on the page. */
  label: string;
  children: ReactNode;
}

/** A wide table's box, scrolling sideways on narrow screens; focusable so the keyboard can scroll it (WCAG 2.1.1). */
export function ScrollBox({ label, children }: ScrollBoxProps) {
  return (
    <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
