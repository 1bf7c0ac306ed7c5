import { describe, expect, it } from "vitest";
import { microsToDecimal } from "./billing-csv";

describe("microsToDecimal", () => {
  it("renders integer micro-dollars as exact decimal dollars", () => {
    expect(microsToDecimal(0n)).toBe("0.000000");
    expect(microsToDecimal(7n)).toBe("0.000007");
    expect(microsToDecimal(6_834_585n)).toBe("6.834585");
    expect(microsToDecimal(-1_500_000n)).toBe("-1.500000");
    // Past 2^53 micro-dollars a float would already be off.
    expect(microsToDecimal(9_007_199_254_740_993n)).toBe("9007199254.740993");
  });
});
