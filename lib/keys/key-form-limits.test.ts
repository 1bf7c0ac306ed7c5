import { describe, expect, it } from "vitest";
import { expiryForDay, keyFormLimits } from "./key-form-limits";

const now = new Date("2026-06-01T09:30:00Z");

describe("keyFormLimits", () => {
  it("offers every model and any day without limits", () => {
    const limits = keyFormLimits({ models: [], maxDays: null }, now);
    expect(limits).toMatchObject({ models: null, lastDay: null, latest: null });
    expect(expiryForDay("2027-01-05", limits)).toBe("2027-01-05T23:59:59.000Z");
    expect(expiryForDay(undefined, limits)).toBeUndefined();
  });

  it("offers the allowed models and days up to the lifetime limit, and never sends an expiry past it", () => {
    const limits = keyFormLimits({ models: ["a"], maxDays: 30 }, now);
    expect(limits).toMatchObject({ models: ["a"], lastDay: "2026-07-01", maxDays: 30 });
    // The last allowed day ends at the limit itself (09:30), not at midnight, which the API would refuse.
    expect(expiryForDay("2026-07-01", limits)).toBe("2026-07-01T09:30:00.000Z");
    expect(expiryForDay("2026-06-15", limits)).toBe("2026-06-15T23:59:59.000Z");
  });
});
