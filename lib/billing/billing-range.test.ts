import { describe, expect, it } from "vitest";
import { HttpError } from "../http/errors";
import { billingDayOfHour, resolveBillingRange } from "./billing-range";

const iso = (date: Date) => date.toISOString();

function rejection(run: () => unknown): { status: number; param: string | null } {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, param: error.param };
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("resolveBillingRange", () => {
  it("maps whole New York days onto exactly their rollup hours, across a DST change", () => {
    const range = resolveBillingRange({ from: "2025-03-08", to: "2025-03-10" }, "America/New_York");
    expect(iso(range.from)).toBe("2025-03-08T05:00:00.000Z");
    expect(iso(range.to)).toBe("2025-03-11T04:00:00.000Z");
    expect([iso(range.hourFrom), iso(range.hourTo)]).toEqual([iso(range.from), iso(range.to)]);
    expect(range.days).toEqual(["2025-03-08", "2025-03-09", "2025-03-10"]);
  });

  it("in a half-hour zone, counts the hour straddling midnight on the day holding its midpoint", () => {
    const range = resolveBillingRange({ from: "2025-01-01", to: "2025-01-02" }, "Asia/Kolkata");
    expect(iso(range.from)).toBe("2024-12-31T18:30:00.000Z");
    // 18:00-19:00 UTC is 23:30-00:30 in Kolkata: counted on the new day, both at the start and the end.
    expect(iso(range.hourFrom)).toBe("2024-12-31T18:00:00.000Z");
    expect(iso(range.hourTo)).toBe("2025-01-02T18:00:00.000Z");
    expect(range.days).toEqual(["2025-01-01", "2025-01-02"]);
    expect(billingDayOfHour(new Date("2024-12-31T18:00:00Z"), "Asia/Kolkata")).toBe("2025-01-01");
    expect(billingDayOfHour(new Date("2024-12-31T17:00:00Z"), "Asia/Kolkata")).toBe("2024-12-31");
  });

  it("defaults to the current month up to now, including the current hour", () => {
    const now = new Date("2025-07-15T13:20:00Z");
    const range = resolveBillingRange({}, "Europe/Berlin", now);
    expect(iso(range.from)).toBe("2025-06-30T22:00:00.000Z");
    expect(iso(range.to)).toBe(iso(now));
    expect(iso(range.hourTo)).toBe("2025-07-15T14:00:00.000Z");
    expect(range.days[0]).toBe("2025-07-01");
    expect(range.days.at(-1)).toBe("2025-07-15");
    // A `to` alone: the month it falls in.
    expect(iso(resolveBillingRange({ to: "2025-02-10" }, "UTC", now).from)).toBe("2025-02-01T00:00:00.000Z");
  });

  it("takes instants as given and widens them to whole rollup hours", () => {
    const range = resolveBillingRange({ from: "2025-05-01T10:20:00Z", to: "2025-05-01T12:35:00+02:00" }, "UTC");
    expect([iso(range.hourFrom), iso(range.hourTo)]).toEqual(["2025-05-01T10:00:00.000Z", "2025-05-01T11:00:00.000Z"]);
    expect(range.days).toEqual(["2025-05-01"]);
  });

  it("rejects an empty or inverted range and one over 400 days, naming `to`", () => {
    expect(rejection(() => resolveBillingRange({ from: "2025-03-02", to: "2025-03-01" }, "UTC"))).toEqual({ status: 422, param: "to" });
    expect(rejection(() => resolveBillingRange({ from: "2025-03-02T00:00:00Z", to: "2025-03-02T00:00:00Z" }, "UTC"))).toEqual({ status: 422, param: "to" });
    expect(rejection(() => resolveBillingRange({ from: "2024-01-01", to: "2025-02-04" }, "UTC"))).toEqual({ status: 422, param: "to" });
    expect(resolveBillingRange({ from: "2024-01-01", to: "2025-02-03" }, "UTC").days).toHaveLength(400);
    expect(rejection(() => resolveBillingRange({ from: "2099-01-01" }, "UTC", new Date("2025-01-01T00:00:00Z")))).toEqual({ status: 422, param: "to" });
  });

  it("refuses bounds outside 1970–2999 with a 400 before any calendar arithmetic (year 10000 used to throw)", () => {
    expect(rejection(() => resolveBillingRange({ from: "2020-01-01", to: "9999-12-31" }, "America/New_York"))).toEqual({ status: 400, param: "to" });
    expect(rejection(() => resolveBillingRange({ from: "0001-01-01", to: "0001-01-31" }, "UTC"))).toEqual({ status: 400, param: "from" });
    expect(resolveBillingRange({ from: "2999-12-01", to: "2999-12-31" }, "Pacific/Kiritimati").days.at(-1)).toBe("2999-12-31");
  });
});
