import { describe, expect, it } from "vitest";
import { windowBucket, windowPeriodKey } from "./windows";

describe("window buckets", () => {
  const at = (iso: string) => new Date(iso);

  it("starts sub-day buckets on the clock and 24h buckets at midnight UTC", () => {
    expect(windowBucket("5m", at("2026-11-23T14:07:59Z")).start.toISOString()).toBe("2026-11-23T14:05:00.000Z");
    expect(windowBucket("15m", at("2026-11-23T14:29:00Z")).start.toISOString()).toBe("2026-11-23T14:15:00.000Z");
    const hour = windowBucket("1h", at("2026-11-23T14:59:59.999Z"));
    expect([hour.start.toISOString(), hour.end.toISOString()]).toEqual(["2026-11-23T14:00:00.000Z", "2026-11-23T15:00:00.000Z"]);
    expect(windowBucket("24h", at("2026-11-23T23:00:00Z")).start.toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });

  it("starts 7d buckets on Mondays and keeps 30d buckets back to back", () => {
    // 2026-11-23 is a Monday.
    expect(windowBucket("7d", at("2026-11-29T23:59:00Z")).start.toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(windowBucket("7d", at("2026-11-30T00:00:00Z")).start.toISOString()).toBe("2026-11-30T00:00:00.000Z");
    const month = windowBucket("30d", at("2026-11-23T12:00:00Z"));
    expect(month.end.getTime() - month.start.getTime()).toBe(30 * 86_400_000);
    expect(windowBucket("30d", month.end).start).toEqual(month.end);
    expect(month.start.getUTCHours()).toBe(0);
  });

  it("names the period after the window and its start", () => {
    expect(windowPeriodKey("1h", at("2026-11-23T14:00:00Z"))).toBe("1h:2026-11-23T14:00:00.000Z");
  });
});
