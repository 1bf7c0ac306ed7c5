"use client";
// A thin bar across the top of the console while anything is under way: a page navigation (links,
// router.push/replace, back and forward), a data fetch or refetch (react-query, background ones
// included) or a save (react-query mutations). Timing (no flash, no flicker): progress-timing.ts.
// Screen readers get an indeterminate progressbar named after what is under way.
import { useIsFetching, useIsMutating } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useNavigationCommits, useNavigationPending } from "./navigation-pending";
import { delayUntil } from "./progress-timing";

const LABELS = { navigation: "Loading page", mutation: "Saving changes", fetch: "Loading data" } as const;

export function TopProgressBar() {
  useNavigationCommits();
  const navigating = useNavigationPending();
  const mutating = useIsMutating() > 0;
  const fetching = useIsFetching() > 0;
  const busy = navigating || mutating || fetching;
  const kind = navigating ? "navigation" : mutating ? "mutation" : "fetch";
  const [visible, setVisible] = useState(false);
  const shownAt = useRef(0);

  useEffect(() => {
    const timer = setTimeout(
      () => {
        if (busy) shownAt.current = Date.now();
        setVisible(busy);
      },
      delayUntil(busy, shownAt.current, Date.now()),
    );
    return () => clearTimeout(timer);
  }, [busy]);

  if (!visible) return null;
  return (
    <div
      role="progressbar"
      aria-label={LABELS[kind]}
      aria-busy="true"
      data-testid="progress-bar"
      data-kind={kind}
      className="pointer-events-none fixed inset-x-0 top-0 z-[60] h-0.5 overflow-hidden bg-indigo-100"
    >
      <div className="h-full w-2/5 bg-indigo-500 motion-safe:animate-[progress-slide_1.1s_ease-in-out_infinite] motion-reduce:w-full" />
    </div>
  );
}
