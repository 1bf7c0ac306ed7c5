"use client";
// Which console navigation is still waiting for the server, for the top progress bar. Every App
// Router navigation (a link, router.push/replace after a form or a tab, back and forward) starts
// with Next.js calling onRouterTransitionStart (instrumentation-client.ts), which reports it here.
// Console pages render per request and have no loading.tsx, so the old page stays until the new one
// commits; useNavigationCommits (in the bar) sees each commit and ends the wait. Next.js has no
// "transition end" hook, hence the two halves.
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useSyncExternalStore } from "react";

/** A navigation that never commits (an error page, a reload) stops counting after this long. */
const GIVE_UP_MS = 30_000;

interface Pending {
  /** path + query asked for */
  target: string;
  /** path + query shown when it started */
  from: string;
  giveUp: ReturnType<typeof setTimeout>;
}

let pending: Pending | null = null;
/** path + query of the page last committed; a back or forward press has moved `location` already. */
let shownUrl: string | null = null;
const listeners = new Set<() => void>();

const here = () => `${location.pathname}${location.search}`;

function set(next: Pending | null) {
  if (pending) clearTimeout(pending.giveUp);
  pending = next;
  for (const listener of listeners) listener();
}

/** From onRouterTransitionStart: `url` as given to the router (relative or absolute). */
export function navigationStarted(url: string) {
  const resolved = new URL(url, location.href);
  const target = `${resolved.pathname}${resolved.search}`;
  const from = shownUrl ?? here();
  // Same page and query (a hash, a replace with the URL already shown): nothing to wait for that a
  // commit would tell apart.
  if (target === from) return;
  set({ target, from, giveUp: setTimeout(() => set(null), GIVE_UP_MS) });
}

/** After a commit: the page asked for (or another one: a redirect, a later navigation) is shown. */
export function navigationCommitted() {
  const shown = here();
  shownUrl = shown;
  if (pending && (shown === pending.target || shown !== pending.from)) set(null);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True while a navigation is under way. */
export function navigationPending(): boolean {
  return pending !== null;
}

const notPending = () => false;

/** navigationPending() for a component, re-rendered when it changes. */
export function useNavigationPending(): boolean {
  return useSyncExternalStore(subscribe, navigationPending, notPending);
}

/**
 * Re-runs on every committed change of path or query. The effect reads `location`, which Next.js
 * has updated by then (its history update is an insertion effect of the same commit).
 */
export function useNavigationCommits() {
  const pathname = usePathname();
  const search = useSearchParams();
  useEffect(() => navigationCommitted(), [pathname, search]);
}
