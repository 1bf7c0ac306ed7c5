// The billing report as CSV (RFC 4180): one row per day × model with usage, then a totals row.
// Costs are exact decimal dollars rendered from integer micro-dollars, never floats.
import { csvField } from "../csv/csv-field";
import type { BillingLedger, UsageSums } from "./billing-ledger";

export const BILLING_CSV_HEADER = ["day", "model", "calls", "errors", "input_tokens", "output_tokens", "cached_tokens", "cost_usd"] as const;

/** 1234567n -> "1.234567"; exact at any size. */
export function microsToDecimal(micros: bigint): string {
  const sign = micros < 0n ? "-" : "";
  const abs = micros < 0n ? -micros : micros;
  return `${sign}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, "0")}`;
}

function numbers(sums: UsageSums): string[] {
  return [
    String(sums.calls),
    String(sums.errors),
    sums.inputTokens.toString(),
    sums.outputTokens.toString(),
    sums.cachedTokens.toString(),
    microsToDecimal(sums.costMicros),
  ];
}

export function billingCsv(ledger: BillingLedger): string {
  const lines = [BILLING_CSV_HEADER.join(",")];
  for (const [day, models] of ledger.days) {
    for (const model of [...models.keys()].sort()) lines.push([day, csvField(model), ...numbers(models.get(model)!)].join(","));
  }
  lines.push(["total", "", ...numbers(ledger.totals)].join(","));
  return lines.join("\r\n") + "\r\n";
}

export function billingCsvFilename(ledger: BillingLedger): string {
  const days = ledger.range.days;
  return `tollgate-billing-${ledger.scope.scope}-${days[0]}-${days[days.length - 1]}.csv`;
}
