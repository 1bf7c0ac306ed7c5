"use client";
// Keyset pagination in the browser: the cursors of the pages walked so far, so "Newer" goes back
// exactly where "Older" came from. A filter change starts over from the newest page.
import { useCallback, useState } from "react";

export function useKeysetPages() {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    cursor: cursors.at(-1),
    pageNumber: cursors.length + 1,
    older: useCallback((next: string) => setCursors((stack) => [...stack, next]), []),
    newer: useCallback(() => setCursors((stack) => stack.slice(0, -1)), []),
    reset: useCallback(() => setCursors([]), []),
  };
}
