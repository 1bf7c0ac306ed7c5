import { db } from "../db";
import { usageLedgerState } from "../usage/usage-recorder";

const headers = { "cache-control": "no-store" };

/**
 * GET /api/health – for load balancers and probes. 503 when the database cannot be read, or when the
 * usage ledger is "failing" (records are being dropped: neither the database nor the local journal
 * takes them, so calls through this process would go unrecorded and unbilled). A ledger that is
 * "degraded" (records wait in memory or in the journal, none lost) answers 200: the process serves
 * correctly and catches up by itself; `status` and `ledger` say so for monitoring.
 */
export async function GET(): Promise<Response> {
  const started = performance.now();
  const [database, ledger] = await Promise.all([
    db()
      .$queryRawUnsafe("SELECT 1")
      .then(() => "ok" as const)
      .catch(() => "unreachable" as const),
    usageLedgerState().catch(() => null),
  ]);
  const usage = ledger && { pending: ledger.pending, journaled: ledger.journaled, dropped: ledger.dropped, failingForMs: ledger.failingForMs, journalError: ledger.journalError };
  const ledgerHealth = ledger?.health ?? "unknown";
  if (database !== "ok" || ledgerHealth === "failing") {
    return Response.json({ status: "unavailable", database, ledger: ledgerHealth, usage }, { status: 503, headers });
  }
  const status = ledgerHealth === "ok" ? "ok" : "degraded";
  return Response.json({ status, database, ledger: ledgerHealth, usage, latencyMs: Math.round(performance.now() - started) }, { headers });
}
