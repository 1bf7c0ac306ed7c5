import { describe, expect, it } from "vitest";
import { humanDuration, resetPhrase } from "./reset-text";

describe("humanDuration", () => {
  it("gives the two largest units, rounded up", () => {
    expect(humanDuration(0)).toBe("1 s");
    expect(humanDuration(12_300)).toBe("13 s");
    expect(humanDuration(60_000)).toBe("1 min");
    expect(humanDuration(61_000)).toBe("2 min");
    expect(humanDuration(2 * 3_600_000)).toBe("2 h");
    expect(humanDuration(2 * 3_600_000 + 5 * 60_000)).toBe("2 h 5 min");
    expect(humanDuration(24 * 3_600_000)).toBe("1 day");
    expect(humanDuration(3 * 24 * 3_600_000 + 2 * 3_600_000)).toBe("3 days 2 h");
  });
});

describe("resetPhrase", () => {
  const now = Date.parse("2026-12-03T11:55:00Z");

  it("names a time later today with the zone and the time left", () => {
    expect(resetPhrase(new Date("2026-12-03T14:00:00Z"), now, "UTC")).toBe("at 14:00 UTC (in 2 h 5 min)");
  });

  it("names the day of a reset on another day", () => {
    expect(resetPhrase(new Date("2026-12-04T00:00:00Z"), now, "UTC")).toBe("on 4 Dec 2026 at 00:00 UTC (in 12 h 5 min)");
    expect(resetPhrase(new Date("2027-01-01T00:00:00Z"), now, "UTC")).toBe("on 1 Jan 2027 at 00:00 UTC (in 28 days 13 h)");
  });

  it("reads the wall clock in the configured zone", () => {
    // Midnight in Paris is 23:00 UTC in winter: the same day there, shown as 00:00 CET.
    expect(resetPhrase(new Date("2026-12-03T23:00:00Z"), now, "Europe/Paris")).toBe("on 4 Dec 2026 at 00:00 CET (in 11 h 5 min)");
    expect(resetPhrase(new Date("2026-12-03T18:00:00Z"), now, "America/New_York")).toMatch(/^at 13:00 (EST|GMT-5) \(in 6 h 5 min\)$/);
  });
});
