import { describe, expect, it } from "vitest";
import { daysInRange, resolveDateRange } from "./date-range";

const now = new Date("2025-11-23T15:30:00.000Z");

describe("resolveDateRange", () => {
  it("treats 24h as a rolling window", () => {
    expect(resolveDateRange({ preset: "24h" }, now)).toEqual({
      from: "2025-11-22T15:30:00.000Z",
      to: "2025-11-23T15:30:00.000Z",
    });
  });

  it("starts 7d and 30d at midnight UTC so today counts as one of the days", () => {
    expect(resolveDateRange({ preset: "7d" }, now)?.from).toBe("2025-11-17T00:00:00.000Z");
    expect(resolveDateRange({ preset: "30d" }, now)?.from).toBe("2025-10-25T00:00:00.000Z");
  });

  it("makes a custom range inclusive of its last day", () => {
    expect(resolveDateRange({ preset: "custom", fromDay: "2025-11-01", toDay: "2025-11-03" }, now)).toEqual({
      from: "2025-11-01T00:00:00.000Z",
      to: "2025-11-04T00:00:00.000Z",
    });
  });

  it("rejects incomplete or inverted custom ranges", () => {
    expect(resolveDateRange({ preset: "custom", fromDay: "2025-11-01" }, now)).toBeNull();
    expect(resolveDateRange({ preset: "custom", fromDay: "2025-11-05", toDay: "2025-11-01" }, now)).toBeNull();
    expect(resolveDateRange({ preset: "custom", fromDay: "nope", toDay: "2025-11-01" }, now)).toBeNull();
  });
});

describe("daysInRange", () => {
  it("lists every touched UTC day", () => {
    expect(daysInRange(resolveDateRange({ preset: "7d" }, now)!)).toEqual([
      "2025-11-17",
      "2025-11-18",
      "2025-11-19",
      "2025-11-20",
      "2025-11-21",
      "2025-11-22",
      "2025-11-23",
    ]);
  });

  it("spans two days for a rolling 24h window and excludes the exclusive end", () => {
    expect(daysInRange(resolveDateRange({ preset: "24h" }, now)!)).toEqual(["2025-11-22", "2025-11-23"]);
    expect(daysInRange({ from: "2025-11-01T00:00:00.000Z", to: "2025-11-03T00:00:00.000Z" })).toEqual([
      "2025-11-01",
      "2025-11-02",
    ]);
  });
});
