import { describe, expect, it } from "vitest";
import { addDays, daysFrom, firstDayOfMonth, localDayOf, startOfLocalDay, zoneOffsetMs } from "./time-zone";

const NY = "America/New_York";
const iso = (date: Date) => date.toISOString();

describe("localDayOf", () => {
  it("reads the calendar day in the zone, not in UTC", () => {
    expect(localDayOf(new Date("2025-03-10T03:59:59Z"), NY)).toBe("2025-03-09");
    expect(localDayOf(new Date("2025-03-10T04:00:00Z"), NY)).toBe("2025-03-10");
    expect(localDayOf(new Date("2025-03-10T03:59:59Z"), "UTC")).toBe("2025-03-10");
    expect(localDayOf(new Date("2024-12-31T18:30:00Z"), "Asia/Kolkata")).toBe("2025-01-01");
  });

  it("knows the offset on each side of a DST change", () => {
    expect(zoneOffsetMs(new Date("2025-03-09T06:00:00Z"), NY)).toBe(-5 * 3_600_000);
    expect(zoneOffsetMs(new Date("2025-03-09T08:00:00Z"), NY)).toBe(-4 * 3_600_000);
  });
});

describe("startOfLocalDay", () => {
  it("is local midnight, before and after DST changes", () => {
    expect(iso(startOfLocalDay("2025-03-09", NY))).toBe("2025-03-09T05:00:00.000Z");
    expect(iso(startOfLocalDay("2025-03-10", NY))).toBe("2025-03-10T04:00:00.000Z");
    expect(iso(startOfLocalDay("2025-11-02", NY))).toBe("2025-11-02T04:00:00.000Z");
    expect(iso(startOfLocalDay("2025-11-03", NY))).toBe("2025-11-03T05:00:00.000Z");
    expect(iso(startOfLocalDay("2025-01-01", "Asia/Kolkata"))).toBe("2024-12-31T18:30:00.000Z");
    expect(iso(startOfLocalDay("2025-01-01", "UTC"))).toBe("2025-01-01T00:00:00.000Z");
  });

  it("starts where the clock jumps to when midnight does not exist, and at the first of two midnights", () => {
    // Santiago springs forward at 00:00 -> 01:00 and falls back at 00:00 -> 23:00 the day before.
    expect(iso(startOfLocalDay("2024-09-08", "America/Santiago"))).toBe("2024-09-08T04:00:00.000Z");
    expect(iso(startOfLocalDay("2025-04-06", "America/Santiago"))).toBe("2025-04-06T04:00:00.000Z");
    expect(localDayOf(new Date("2025-04-06T03:59:59Z"), "America/Santiago")).toBe("2025-04-05");
  });
});

describe("day arithmetic", () => {
  it("adds days across months and leap days, lists ranges, finds the month's first day", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-03-31", 1)).toBe("2025-04-01");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    expect(daysFrom("2025-02-27", "2025-03-02")).toEqual(["2025-02-27", "2025-02-28", "2025-03-01", "2025-03-02"]);
    expect(daysFrom("2025-03-02", "2025-03-01")).toEqual([]);
    expect(firstDayOfMonth("2025-03-17")).toBe("2025-03-01");
  });
});
