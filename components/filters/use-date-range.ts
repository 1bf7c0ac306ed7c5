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

function resolve(selection: DateRangeSelection) {
  const range = resolveDateRange(selection, new Date());
  return { selection, range, days: range ? daysInRange(range) : [] };
}

export function useDateRange(initial: DateRangeSelection = { preset: "7d" }): DateRangeState {
  const [state, setState] = useState(() => resolve(initial));
  const select = useCallback((selection: DateRangeSelection) => setState(resolve(selection)), []);
  const refresh = useCallback(() => setState((current) => resolve(current.selection)), []);
  return { ...state, select, refresh };
}
