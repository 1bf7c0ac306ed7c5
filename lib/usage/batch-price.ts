// A batch line's price: the model's batch discount (Model.batchDiscountPercent) off what the call
// would cost one at a time. The batch runner puts the batch and the discount on the line's caller
// (Principal.batch); the settling code applies it, so the usage record, the quota counters and the
// batch's cost all agree.

/** `costMicros` less `discountPercent` (0–100), rounded half up to the micro-dollar. */
export function batchPrice(costMicros: bigint, batch: { discountPercent: number } | undefined): bigint {
  if (!batch || batch.discountPercent <= 0) return costMicros;
  const keep = BigInt(100 - Math.min(100, Math.round(batch.discountPercent)));
  return (costMicros * keep + 50n) / 100n;
}
