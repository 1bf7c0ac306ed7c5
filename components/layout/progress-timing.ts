// When the top progress bar shows and hides, as a pure function of the clock so it is unit tested:
// it appears only once a wait has lasted SHOW_DELAY_MS (fast loads and saves do not flash it) and,
// once shown, stays MIN_VISIBLE_MS (it does not flicker when a wait ends just after it appeared).
export const SHOW_DELAY_MS = 200;
export const MIN_VISIBLE_MS = 300;

/**
 * How long from `now` until the bar should be `busy` (shown when busy, hidden when not), given when
 * it was last shown. A busy spell that ends before its delay has passed never shows the bar: the
 * caller cancels the pending change when `busy` flips back.
 */
export function delayUntil(busy: boolean, shownAt: number, now: number): number {
  return busy ? SHOW_DELAY_MS : Math.max(0, shownAt + MIN_VISIBLE_MS - now);
}
