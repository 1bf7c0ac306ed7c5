import { describe, expect, it } from "vitest";
import {
  formatDateTime,
  formatCompact,
  formatCurrency,
  formatCurrencyAxis,
  formatDayLabel,
  formatDuration,
  formatNumber,
  formatPercent,
  formatPrice,
} from "./format";

describe("formatCurrency", () => {
  it("shows cents for ordinary amounts", () => {
    expect(formatCurrency(0)).toBe("$0.00");
    expect(formatCurrency(12.345)).toBe("$12.35");
    expect(formatCurrency(1234.5)).toBe("$1,234.50");
  });

  it("keeps two significant digits below a cent so a cheap call does not read as free", () => {
    expect(formatCurrency(0.000123)).toBe("$0.00012");
    expect(formatCurrency(0.0042)).toBe("$0.0042");
  });

  it("keeps price precision", () => {
    expect(formatPrice(0.075)).toBe("$0.075");
    expect(formatPrice(15)).toBe("$15.00");
    expect(formatPrice(null)).toBe("—");
  });

  it("abbreviates large axis ticks", () => {
    expect(formatCurrencyAxis(1500)).toBe("$1.5K");
    expect(formatCurrencyAxis(0.05)).toBe("$0.05");
  });
});

describe("numbers", () => {
  it("groups thousands and abbreviates", () => {
    expect(formatNumber(1234567)).toBe("1,234,567");
    expect(formatCompact(1234)).toBe("1.2K");
    expect(formatCompact(3_400_000)).toBe("3.4M");
  });

  it("formats ratios as percentages and null as a dash", () => {
    expect(formatPercent(0.0125)).toBe("1.3%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(null)).toBe("—");
  });
});

describe("formatDuration", () => {
  it("uses ms below a second and seconds above", () => {
    expect(formatDuration(850.4)).toBe("850 ms");
    expect(formatDuration(1250)).toBe("1.25 s");
    expect(formatDuration(12_340)).toBe("12.3 s");
    expect(formatDuration(null)).toBe("—");
  });
});

describe("formatDayLabel", () => {
  it("formats UTC days regardless of the local zone", () => {
    expect(formatDayLabel("2025-11-23")).toBe("Nov 23");
    expect(formatDayLabel("2025-01-01")).toBe("Jan 1");
  });
});

describe("formatDateTime", () => {
  it("writes the midnight hour as 00, as browsers do, so server HTML hydrates", () => {
    expect(formatDateTime("2026-11-24T00:10:54Z", "UTC")).toBe("Nov 24, 00:10:54");
    expect(formatDateTime("2026-11-24T23:59:59Z", "UTC")).toBe("Nov 24, 23:59:59");
  });
});
