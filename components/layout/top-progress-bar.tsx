"use client";
// A thin bar across the top of the console while a page navigation or any data fetch (react-query,
// including background refetches) is under way. It appears only once the wait has lasted
// SHOW_DELAY_MS, so fast loads do not flash it, and once shown it stays MIN_VISIBLE_MS so it does not
// flicker. Screen readers get an indeterminate progressbar named "Loading".
import { useIsFetching } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useNavigationPending } from "./navigation-pending";

export const SHOW_DELAY_MS = 200;
const MIN_VISIBLE_MS = 300;

export function TopProgressBar() {
  const fetching = useIsFetching() > 0;
  const navigating = useNavigationPending();
  const busy = fetching || navigating;
  const [visible, setVisible] = useState(false);
  const shownAt = useRef(0);

  useEffect(() => {
    const delay = busy ? SHOW_DELAY_MS : Math.max(0, shownAt.current + MIN_VISIBLE_MS - Date.now());
    const timer = setTimeout(() => {
      if (busy) shownAt.current = Date.now();
      setVisible(busy);
    }, delay);
    return () => clearTimeout(timer);
  }, [busy]);

  if (!visible) return null;
  return (
    <div
      role="progressbar"
      aria-label={navigating ? "Loading page" : "Loading data"}
      aria-busy="true"
      data-testid="progress-bar"
      data-kind={navigating ? "navigation" : "fetch"}
      className="pointer-events-none fixed inset-x-0 top-0 z-[60] h-0.5 overflow-hidden bg-indigo-100"
    >
      <div className="h-full w-2/5 bg-indigo-500 motion-safe:animate-[progress-slide_1.1s_ease-in-out_infinite] motion-reduce:w-full" />
    </div>
  );
}
