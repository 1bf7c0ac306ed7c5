// Pinned instants around the daylight-saving changes of America/Santiago (southern hemisphere; the
// clock jumps over midnight: 00:00 -> 01:00 in September, and 00:00 -> 23:00 the day before in
// April) and America/New_York (changes at 02:00, so midnight always exists).
import { describe, expect, it } from "vitest";
import { addDays, daysFrom, firstDayOfMonth, firstDayOfNextMonth, isCalendarDay, localDayOf, localDaySpan, localMonthSpan, startOfLocalDay, zoneOffsetMs } from "./zoned";

const SCL = "America/Santiago";
const NY = "America/New_York";
const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();
const span = (s: { label: string; start: Date; end: Date }) => [s.label, iso(s.start), iso(s.end)];
const HOUR = 3_600_000;

describe("localDayOf and zoneOffsetMs", () => {
  it("read the calendar day and the offset in the zone, on each side of every change", () => {
    expect(localDayOf(at("2024-09-08T03:59:59Z"), SCL)).toBe("2024-09-07");
    expect(localDayOf(at("2024-09-08T04:00:00Z"), SCL)).toBe("2024-09-08"); // 01:00 -03
    expect(zoneOffsetMs(at("2024-09-08T03:59:59Z"), SCL)).toBe(-4 * HOUR);
    expect(zoneOffsetMs(at("2024-09-08T04:00:00Z"), SCL)).toBe(-3 * HOUR);
    // April: 00:00 -03 becomes 23:00 -04 the day before; the 5th gets its last hour twice.
    expect(localDayOf(at("2025-04-06T02:59:59Z"), SCL)).toBe("2025-04-05");
    expect(localDayOf(at("2025-04-06T03:30:00Z"), SCL)).toBe("2025-04-05");
    expect(localDayOf(at("2025-04-06T04:00:00Z"), SCL)).toBe("2025-04-06");
    expect(localDayOf(at("2025-03-10T03:59:59Z"), NY)).toBe("2025-03-09");
    expect(localDayOf(at("2025-03-10T04:00:00Z"), NY)).toBe("2025-03-10");
    expect(zoneOffsetMs(at("2025-03-09T06:59:59Z"), NY)).toBe(-5 * HOUR);
    expect(zoneOffsetMs(at("2025-03-09T07:00:00Z"), NY)).toBe(-4 * HOUR);
    expect(localDayOf(at("2025-03-10T03:59:59Z"), "UTC")).toBe("2025-03-10");
    expect(localDayOf(at("2024-12-31T18:30:00Z"), "Asia/Kolkata")).toBe("2025-01-01");
  });
});

describe("startOfLocalDay", () => {
  it("starts at 01:00 on the day Santiago's clock jumps from 00:00 to 01:00", () => {
    expect(iso(startOfLocalDay("2024-09-07", SCL))).toBe("2024-09-07T04:00:00.000Z");
    expect(iso(startOfLocalDay("2024-09-08", SCL))).toBe("2024-09-08T04:00:00.000Z");
    expect(iso(startOfLocalDay("2024-09-09", SCL))).toBe("2024-09-09T03:00:00.000Z");
    expect(iso(startOfLocalDay("2025-09-07", SCL))).toBe("2025-09-07T04:00:00.000Z");
  });

  it("starts at the first midnight when Santiago's clock goes back from 00:00 to 23:00", () => {
    expect(iso(startOfLocalDay("2025-04-05", SCL))).toBe("2025-04-05T03:00:00.000Z");
    expect(iso(startOfLocalDay("2025-04-06", SCL))).toBe("2025-04-06T04:00:00.000Z");
    expect(iso(startOfLocalDay("2025-04-07", SCL))).toBe("2025-04-07T04:00:00.000Z");
  });

  it("is local midnight in New York, whose changes happen at 02:00", () => {
    expect(iso(startOfLocalDay("2025-03-09", NY))).toBe("2025-03-09T05:00:00.000Z");
    expect(iso(startOfLocalDay("2025-03-10", NY))).toBe("2025-03-10T04:00:00.000Z");
    expect(iso(startOfLocalDay("2025-11-02", NY))).toBe("2025-11-02T04:00:00.000Z");
    expect(iso(startOfLocalDay("2025-11-03", NY))).toBe("2025-11-03T05:00:00.000Z");
  });

  it("handles whole-hour, half-hour and skipped days", () => {
    expect(iso(startOfLocalDay("2025-01-01", "UTC"))).toBe("2025-01-01T00:00:00.000Z");
    expect(iso(startOfLocalDay("2025-01-01", "Asia/Kolkata"))).toBe("2024-12-31T18:30:00.000Z");
    // Samoa skipped 30 December 2011: the day is empty, it starts where the 31st does.
    expect(iso(startOfLocalDay("2011-12-30", "Pacific/Apia"))).toBe(iso(startOfLocalDay("2011-12-31", "Pacific/Apia")));
  });
});

describe("localDaySpan", () => {
  it("gives the 23-hour and 25-hour days their real length", () => {
    expect(span(localDaySpan(at("2024-09-08T12:00:00Z"), SCL))).toEqual(["2024-09-08", "2024-09-08T04:00:00.000Z", "2024-09-09T03:00:00.000Z"]);
    expect(span(localDaySpan(at("2025-04-06T03:30:00Z"), SCL))).toEqual(["2025-04-05", "2025-04-05T03:00:00.000Z", "2025-04-06T04:00:00.000Z"]);
    expect(span(localDaySpan(at("2025-03-09T12:00:00Z"), NY))).toEqual(["2025-03-09", "2025-03-09T05:00:00.000Z", "2025-03-10T04:00:00.000Z"]);
    expect(span(localDaySpan(at("2025-11-02T12:00:00Z"), NY))).toEqual(["2025-11-02", "2025-11-02T04:00:00.000Z", "2025-11-03T05:00:00.000Z"]);
  });

  it("always holds the instant, starts on its day and ends where the next day starts (every 3 h of 2024-2025)", () => {
    for (const zone of [SCL, NY]) {
      for (let t = Date.parse("2024-01-01T00:00:00Z"); t < Date.parse("2026-01-01T00:00:00Z"); t += 3 * HOUR + 7 * 60_000) {
        const day = localDaySpan(new Date(t), zone);
        expect(day.start.getTime() <= t && t < day.end.getTime(), `${zone} ${new Date(t).toISOString()}`).toBe(true);
        expect(localDayOf(day.start, zone)).toBe(day.label);
        expect(localDayOf(new Date(day.start.getTime() - 1000), zone)).toBe(addDays(day.label, -1));
        expect(localDayOf(day.end, zone)).toBe(addDays(day.label, 1));
      }
    }
  });
});

describe("localMonthSpan", () => {
  it("cuts Santiago's months where its local days start, across a month that holds a change", () => {
    // April 2025 starts under -03 and ends under -04: 30 days and 1 hour.
    expect(span(localMonthSpan(at("2025-04-15T12:00:00Z"), SCL))).toEqual(["2025-04", "2025-04-01T03:00:00.000Z", "2025-05-01T04:00:00.000Z"]);
    // 23:30 on 30 April in Santiago is still April, though it is May in UTC.
    expect(localMonthSpan(at("2025-05-01T03:30:00Z"), SCL).label).toBe("2025-04");
    expect(localMonthSpan(at("2025-05-01T04:00:00Z"), SCL).label).toBe("2025-05");
    // September 2024 holds the jump over midnight: 30 days less 1 hour.
    expect(span(localMonthSpan(at("2024-09-08T04:00:00Z"), SCL))).toEqual(["2024-09", "2024-09-01T04:00:00.000Z", "2024-10-01T03:00:00.000Z"]);
  });

  it("cuts New York's months and rolls over the year", () => {
    expect(span(localMonthSpan(at("2025-03-15T12:00:00Z"), NY))).toEqual(["2025-03", "2025-03-01T05:00:00.000Z", "2025-04-01T04:00:00.000Z"]);
    expect(span(localMonthSpan(at("2026-01-01T04:59:59Z"), NY))).toEqual(["2025-12", "2025-12-01T05:00:00.000Z", "2026-01-01T05:00:00.000Z"]);
  });
});

describe("day arithmetic", () => {
  it("adds days across months and leap days, lists ranges, finds a month's first day and the next month's", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-03-31", 1)).toBe("2025-04-01");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    expect(daysFrom("2025-02-27", "2025-03-02")).toEqual(["2025-02-27", "2025-02-28", "2025-03-01", "2025-03-02"]);
    expect(daysFrom("2025-03-02", "2025-03-01")).toEqual([]);
    expect(firstDayOfMonth("2025-03-17")).toBe("2025-03-01");
    expect(firstDayOfNextMonth("2025-12-17")).toBe("2026-01-01");
    expect(firstDayOfNextMonth("2024-01-31")).toBe("2024-02-01");
  });

  it("knows a calendar day from something shaped like one", () => {
    expect(isCalendarDay("2024-02-29")).toBe(true);
    expect(isCalendarDay("2025-02-29")).toBe(false);
    expect(isCalendarDay("2025-13-01")).toBe(false);
    expect(isCalendarDay("2025-1-01")).toBe(false);
  });
});
