"use client";
// A date or timestamp in the viewer's time zone, safe to server-render. The server cannot know the
// browser's zone, so the HTML and the hydrating render both use UTC (useSyncExternalStore's server
// snapshot); right after hydration React re-renders with the viewer's zone. Formatting in the
// viewer's zone directly would make every server-rendered table a hydration mismatch for anyone
// outside the server's zone.
import { useSyncExternalStore } from "react";
import { formatDate, formatDateTime } from "@/lib/charts/format";

// The zone never changes while the page is open: nothing to subscribe to.
const subscribe = () => () => {};

export function LocalTime({ iso, withTime = false }: { iso: string; withTime?: boolean }) {
  const format = withTime ? formatDateTime : formatDate;
  const text = useSyncExternalStore(
    subscribe,
    () => format(iso),
    () => format(iso, "UTC"),
  );
  return <time dateTime={iso}>{text}</time>;
}
