import { describe, expect, it } from "vitest";
import { batchPrice } from "./batch-price";

describe("a batch line's price", () => {
  it("takes the model's batch discount off, rounded to the micro-dollar; no batch or no discount changes nothing", () => {
    expect(batchPrice(1000n, { discountPercent: 50 })).toBe(500n);
    expect(batchPrice(1001n, { discountPercent: 50 })).toBe(501n);
    expect(batchPrice(3n, { discountPercent: 25 })).toBe(2n);
    expect(batchPrice(1000n, { discountPercent: 100 })).toBe(0n);
    expect(batchPrice(1000n, { discountPercent: 0 })).toBe(1000n);
    expect(batchPrice(1000n, undefined)).toBe(1000n);
  });
});
