"use client";
// The chosen range and its resolved API bounds. Bounds are computed when the user picks a range
// (not on every render) so the react-query key stays stable; "Refresh" re-resolves "now".
import { useCallback, useState } from "react";
import { daysInRange, resolveDateRange, type DateRangeSelection, type ResolvedRange } from "@/lib/charts/date-range";

export interface DateRangeState {
  selection: DateRangeSelection;
  /** null while a custom range is incomplete or inverted */
  range: ResolvedRange | null;
  days: string[];
  select: (selection: DateRangeSelection) => void;
  refresh: () => void;
}

function resolve(selection: DateRangeSelection, now = new Date()) {
  const range = resolveDateRange(selection, now);
  return { selection, range, days: range ? daysInRange(range) : [] };
}

/**
 * `initialNow` (ISO) pins the first resolution to the server page's clock, so the range (and the
 * react-query key built from it) matches the one the page prefetched and the HTML it rendered.
 */
export function useDateRange(initial: DateRangeSelection = { preset: "7d" }, initialNow?: string): DateRangeState {
  const [state, setState] = useState(() => resolve(initial, initialNow ? new Date(initialNow) : undefined));
  const select = useCallback((selection: DateRangeSelection) => setState(resolve(selection)), []);
  const refresh = useCallback(() => setState((current) => resolve(current.selection)), []);
  return { ...state, select, refresh };
}
