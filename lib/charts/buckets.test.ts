import { describe, expect, it } from "vitest";
import { bucketsInRange, chartInterval, formatBucketLabel, formatBucketTitle } from "./buckets";

describe("chartInterval", () => {
  it("charts up to 48 hours per hour and longer ranges per day", () => {
    expect(chartInterval({ from: "2025-11-22T14:20:00.000Z", to: "2025-11-23T14:20:00.000Z" })).toBe("hour");
    expect(chartInterval({ from: "2025-11-21T00:00:00.000Z", to: "2025-11-23T00:00:00.000Z" })).toBe("hour");
    expect(chartInterval({ from: "2025-11-21T00:00:00.000Z", to: "2025-11-23T00:00:01.000Z" })).toBe("day");
    expect(chartInterval({ from: "2025-11-17T00:00:00.000Z", to: "2025-11-23T10:00:00.000Z" })).toBe("day");
  });
});

describe("bucketsInRange", () => {
  it("gives 'last 24 hours' its 25 touched hours, not the two UTC days", () => {
    const range = { from: "2025-11-22T14:20:00.000Z", to: "2025-11-23T14:20:00.000Z" };
    const hours = bucketsInRange(range, "hour");
    expect(hours).toHaveLength(25);
    // The rollups count whole hours: the hour holding `from` is the first bucket.
    expect(hours[0]).toBe("2025-11-22T14:00:00.000Z");
    expect(hours.at(-1)).toBe("2025-11-23T14:00:00.000Z");
    expect(bucketsInRange(range, "day")).toEqual(["2025-11-22", "2025-11-23"]);
  });

  it("stops before an exclusive end on the hour", () => {
    expect(bucketsInRange({ from: "2025-11-23T00:00:00.000Z", to: "2025-11-23T03:00:00.000Z" }, "hour")).toEqual([
      "2025-11-23T00:00:00.000Z",
      "2025-11-23T01:00:00.000Z",
      "2025-11-23T02:00:00.000Z",
    ]);
  });
});

describe("bucket labels", () => {
  it("shows hours in the viewer's zone, the date at midnight", () => {
    expect(formatBucketLabel("2025-11-23T14:00:00.000Z", "hour", "UTC")).toBe("14:00");
    expect(formatBucketLabel("2025-11-23T14:00:00.000Z", "hour", "Europe/Berlin")).toBe("15:00");
    expect(formatBucketLabel("2025-11-23T23:00:00.000Z", "hour", "Europe/Berlin")).toBe("Nov 24");
    expect(formatBucketLabel("2025-11-23", "day")).toBe(formatBucketLabel("2025-11-23", "day", "Asia/Tokyo"));
  });

  it("titles an hour with its span", () => {
    expect(formatBucketTitle("2025-11-23T14:00:00.000Z", "hour", "UTC")).toBe("Nov 23, 14:00–15:00");
    expect(formatBucketTitle("2025-11-23T23:00:00.000Z", "hour", "UTC")).toBe("Nov 23, 23:00–00:00");
  });
});
