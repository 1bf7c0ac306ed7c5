import { describe, expect, it } from "vitest";
import { periodProblem, resolvePeriod } from "./billing-period";

const NY = "America/New_York";
// 02:30 UTC on March 1st is still February 28th in New York.
const now = new Date("2025-03-01T02:30:00Z");

describe("resolvePeriod", () => {
  it("resolves presets to whole days in the deployment's zone", () => {
    expect(resolvePeriod({ preset: "this-month" }, NY, now)).toEqual({ from: "2025-02-01", to: "2025-02-28" });
    expect(resolvePeriod({ preset: "this-month" }, "UTC", now)).toEqual({ from: "2025-03-01", to: "2025-03-01" });
    expect(resolvePeriod({ preset: "last-month" }, NY, now)).toEqual({ from: "2025-01-01", to: "2025-01-31" });
    expect(resolvePeriod({ preset: "last-month" }, "UTC", new Date("2025-01-15T00:00:00Z"))).toEqual({ from: "2024-12-01", to: "2024-12-31" });
    expect(resolvePeriod({ preset: "last-30-days" }, NY, now)).toEqual({ from: "2025-01-30", to: "2025-02-28" });
  });

  it("passes a valid custom range through and refuses an incomplete, inverted or too long one", () => {
    expect(resolvePeriod({ preset: "custom", fromDay: "2025-01-05", toDay: "2025-01-05" }, NY, now)).toEqual({ from: "2025-01-05", to: "2025-01-05" });
    expect(periodProblem({ preset: "custom", fromDay: "2025-01-05" })).toMatch(/first and a last day/);
    expect(periodProblem({ preset: "custom", fromDay: "2025-01-05", toDay: "2025-01-04" })).toMatch(/must not be after/);
    expect(periodProblem({ preset: "custom", fromDay: "2024-01-01", toDay: "2025-02-04" })).toMatch(/at most 400 days/);
    expect(resolvePeriod({ preset: "custom", fromDay: "2024-01-01", toDay: "2025-02-04" }, NY, now)).toBeNull();
  });
});
