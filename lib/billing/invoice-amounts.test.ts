import { describe, expect, it } from "vitest";
import { invoiceAmountFormatter } from "./invoice-amounts";

describe("invoiceAmountFormatter", () => {
  it("shows every amount with the decimals the most precise one needs", () => {
    const format = invoiceAmountFormatter([3.71996, 1.5, 0.000123]);
    expect([3.71996, 1.5, 0.000123].map(format)).toEqual(["$3.719960", "$1.500000", "$0.000123"]);
  });

  it("keeps at least cents, and thousands separators", () => {
    const format = invoiceAmountFormatter([1200, 0.5]);
    expect(format(1200)).toBe("$1,200.00");
    expect(invoiceAmountFormatter([0.25, 0.125])(0.25)).toBe("$0.250");
    expect(invoiceAmountFormatter([])(0)).toBe("$0.00");
  });
});
