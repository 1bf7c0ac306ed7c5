"use client";
// The current second, for "ejected for 23 s more": null while server-rendering and hydrating (the
// server's clock and the browser's differ), then ticking once a second.
import { useSyncExternalStore } from "react";

function subscribe(onTick: () => void): () => void {
  const timer = setInterval(onTick, 1_000);
  return () => clearInterval(timer);
}

// Whole seconds, so every read within one second returns the same snapshot.
const currentSecond = () => Math.floor(Date.now() / 1_000) * 1_000;

export function useNow(): number | null {
  return useSyncExternalStore(subscribe, currentSecond, () => null);
}
