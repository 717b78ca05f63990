"use client";

import { useState, type MouseEvent, type SyntheticEvent } from "react";

/**
 * A <details> whose open state React holds, so that its contents can be rendered only while it is
 * open: closed, a re-render of its parent (a keystroke in a search beside it) costs nothing inside.
 * Spread `details` on the <details> and `summary` on its <summary>.
 */
export function useDisclosure() {
  const [open, setOpen] = useState(false);
  return {
    open,
    details: {
      open,
      // The browser opens it too (find in page): follow it.
      onToggle: (e: SyntheticEvent<HTMLDetailsElement>) => setOpen(e.currentTarget.open),
    },
    summary: {
      // The contents render in the same frame as the box opens (the toggle event would come after
      // a frame with an empty box).
      onClick: (e: MouseEvent<HTMLElement>) => {
        e.preventDefault();
        setOpen(!open);
      },
    },
  };
}
