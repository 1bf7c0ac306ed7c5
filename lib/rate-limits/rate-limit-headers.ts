// OpenAI's rate-limit headers, for the tightest applicable window of each kind:
//   x-ratelimit-limit-requests / -tokens      the limit per minute
//   x-ratelimit-remaining-requests / -tokens  what is left in the sliding minute after this call
//   x-ratelimit-reset-requests / -tokens      when room starts coming back ("1s", "6m0s", "20ms")
import type { WindowState } from "../store";

export interface WindowKind {
  kind: "rpm" | "tpm";
}

/** OpenAI's duration style: "350ms", "12.5s", "1m0s". */
export function formatResetDuration(ms: number): string {
  const rounded = Math.max(0, Math.ceil(ms));
  if (rounded < 1000) return `${rounded}ms`;
  const seconds = rounded / 1000;
  if (seconds < 60) return `${Number(seconds.toFixed(3))}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${Number((seconds - minutes * 60).toFixed(3))}s`;
}

/** The window with the least room left among those of one kind (ties: the smaller limit). */
export function tightest(windows: readonly WindowKind[], states: readonly WindowState[], kind: "rpm" | "tpm"): WindowState | null {
  let best: WindowState | null = null;
  windows.forEach((window, i) => {
    const state = states[i];
    if (window.kind !== kind || !state) return;
    if (!best || state.remaining < best.remaining || (state.remaining === best.remaining && state.limit < best.limit)) best = state;
  });
  return best;
}

export function rateLimitHeaders(windows: readonly WindowKind[], states: readonly WindowState[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [kind, suffix] of [["rpm", "requests"], ["tpm", "tokens"]] as const) {
    const state = tightest(windows, states, kind);
    if (!state) continue;
    headers[`x-ratelimit-limit-${suffix}`] = String(state.limit);
    headers[`x-ratelimit-remaining-${suffix}`] = String(state.remaining);
    headers[`x-ratelimit-reset-${suffix}`] = formatResetDuration(state.resetMs);
  }
  return headers;
}
