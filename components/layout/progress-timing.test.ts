// The progress bar's timing: no flash for quick waits, no flicker once shown.
import { describe, expect, it } from "vitest";
import { delayUntil, MIN_VISIBLE_MS, SHOW_DELAY_MS } from "./progress-timing";

describe("delayUntil", () => {
  it("shows the bar only once a wait has lasted SHOW_DELAY_MS", () => {
    expect(delayUntil(true, 0, 10_000)).toBe(SHOW_DELAY_MS);
  });

  it("keeps a bar that has just appeared for MIN_VISIBLE_MS", () => {
    expect(delayUntil(false, 10_000, 10_050)).toBe(MIN_VISIBLE_MS - 50);
  });

  it("hides a bar at once when it has been shown long enough", () => {
    expect(delayUntil(false, 10_000, 10_000 + MIN_VISIBLE_MS)).toBe(0);
    expect(delayUntil(false, 10_000, 20_000)).toBe(0);
  });
});
