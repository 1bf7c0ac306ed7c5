import { describe, expect, it } from "vitest";
import { localDayOf, startOfLocalDay } from "../time/zoned";
import { alignsWithHours, PeriodCalendar, periodWindow } from "./periods";

const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("periodWindow", () => {
  it("cuts UTC days and months", () => {
    const day = periodWindow("daily", at("2026-11-23T17:05:00Z"), "UTC");
    expect([day.key, iso(day.start), iso(day.end)]).toEqual(["daily:2026-11-23", "2026-11-23T00:00:00.000Z", "2026-11-24T00:00:00.000Z"]);
    const month = periodWindow("monthly", at("2026-12-31T23:59:59Z"), "UTC");
    expect([month.key, iso(month.start), iso(month.end)]).toEqual(["monthly:2026-12", "2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"]);
    expect(periodWindow("total", at("2026-01-01T00:00:00Z"), "UTC")).toEqual({ period: "total", key: "total", start: null, end: null });
  });

  it("follows the configured zone, across daylight-saving changes", () => {
    // 23:30 UTC on 23 Nov is already 24 Nov in Berlin (UTC+1).
    const berlin = periodWindow("daily", at("2026-11-23T23:30:00Z"), "Europe/Berlin");
    expect([berlin.key, iso(berlin.start), iso(berlin.end)]).toEqual(["daily:2026-11-24", "2026-11-23T23:00:00.000Z", "2026-11-24T23:00:00.000Z"]);
    // New York springs forward on 8 March 2026: that day has 23 hours.
    const spring = periodWindow("daily", at("2026-03-08T12:00:00Z"), "America/New_York");
    expect([iso(spring.start), iso(spring.end)]).toEqual(["2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z"]);
    const march = periodWindow("monthly", at("2026-03-15T12:00:00Z"), "America/New_York");
    expect([iso(march.start), iso(march.end)]).toEqual(["2026-03-01T05:00:00.000Z", "2026-04-01T04:00:00.000Z"]);
  });

  it("starts Santiago's day at 01:00 when the clock jumps over midnight, like billing does", () => {
    // 2024-09-08: 23:59:59 -04 is followed by 01:00 -03. The day holds 23 hours.
    const jump = periodWindow("daily", at("2024-09-08T12:00:00Z"), "America/Santiago");
    expect([jump.key, iso(jump.start), iso(jump.end)]).toEqual(["daily:2024-09-08", "2024-09-08T04:00:00.000Z", "2024-09-09T03:00:00.000Z"]);
    // The hour before 04:00 UTC is still the 7th: its calls must not count against the 8th.
    expect(periodWindow("daily", at("2024-09-08T03:30:00Z"), "America/Santiago").key).toBe("daily:2024-09-07");
    // 2025-04-06: 00:00 -03 goes back to 23:00 -04 on the 5th, which gets 25 hours.
    const back = periodWindow("daily", at("2025-04-06T03:30:00Z"), "America/Santiago");
    expect([back.key, iso(back.start), iso(back.end)]).toEqual(["daily:2025-04-05", "2025-04-05T03:00:00.000Z", "2025-04-06T04:00:00.000Z"]);
    const month = periodWindow("monthly", at("2024-09-30T12:00:00Z"), "America/Santiago");
    expect([month.key, iso(month.start), iso(month.end)]).toEqual(["monthly:2024-09", "2024-09-01T04:00:00.000Z", "2024-10-01T03:00:00.000Z"]);
  });

  it("agrees with billing's local day around every change of 2024-2025, in Santiago and New York", () => {
    for (const zone of ["America/Santiago", "America/New_York"]) {
      for (let t = Date.parse("2024-01-01T00:00:00Z"); t < Date.parse("2026-01-01T00:00:00Z"); t += 5 * 3_600_000 + 11 * 60_000) {
        const window = periodWindow("daily", new Date(t), zone);
        const day = localDayOf(new Date(t), zone);
        expect(window.key).toBe(`daily:${day}`);
        expect(window.start).toEqual(startOfLocalDay(day, zone));
        expect(window.start!.getTime() <= t && t < window.end!.getTime()).toBe(true);
      }
    }
  });

  it("knows when a window cannot be matched by hourly rollups", () => {
    expect(alignsWithHours(periodWindow("daily", at("2026-11-23T12:00:00Z"), "Europe/Berlin"))).toBe(true);
    expect(alignsWithHours(periodWindow("daily", at("2026-11-23T12:00:00Z"), "Asia/Kolkata"))).toBe(false);
  });
});

describe("PeriodCalendar", () => {
  it("reuses the current window until the clock leaves it", () => {
    const calendar = new PeriodCalendar("UTC");
    const first = calendar.windowAt("daily", Date.parse("2026-11-23T10:00:00Z"));
    expect(calendar.windowAt("daily", Date.parse("2026-11-23T23:59:59.999Z"))).toBe(first);
    expect(calendar.windowAt("daily", Date.parse("2026-11-24T00:00:00Z")).key).toBe("daily:2026-11-24");
  });
});
