"use client";
// Which console navigations are still waiting for the server. Console pages render per request
// (there is no loading.tsx to switch to at once), so after a click the old page stays until the new
// one arrives; a <Link> that carries <LinkPendingReporter /> reports that wait (Next.js'
// useLinkStatus) to one small store that the top progress bar reads.
import { useLinkStatus } from "next/link";
import { useEffect, useSyncExternalStore } from "react";

let pendingLinks = 0;
const listeners = new Set<() => void>();

function change(delta: number) {
  pendingLinks = Math.max(0, pendingLinks + delta);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const isPending = () => pendingLinks > 0;
const notPending = () => false;

/** True while a reporting link's navigation is under way. */
export function useNavigationPending(): boolean {
  return useSyncExternalStore(subscribe, isPending, notPending);
}

/** Put inside a <Link>: counts its navigation as pending until the new page is shown. Renders nothing. */
export function LinkPendingReporter() {
  const { pending } = useLinkStatus();
  useEffect(() => {
    if (!pending) return;
    change(1);
    return () => change(-1);
  }, [pending]);
  return null;
}
