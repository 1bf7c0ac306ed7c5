// An admitted call's hold on its quotas and rate windows: renewed while the call runs (a long stream
// can outlive the hold), settled exactly once to the real usage when it ends. Settling never blocks
// the response: the store write runs in the background and a failure is logged (the reservation
// then simply expires).
import type { AdmitRequest, GovernanceStore } from "../store";
import { chargeOf, type CallUsage } from "./billable-call";
import { governanceNow } from "./clock";
import { plannedCounter, type GovernancePlan } from "./governance-plan";
import { warnThrottled } from "./throttled-warning";

export interface Admission {
  /** x-ratelimit-* headers for the response */
  readonly headers: Record<string, string>;
  /** Frees the reservation and books what the call really used. Safe to call more than once. */
  settle(usage: CallUsage): void;
}

/**
 * A hold is renewed while its call runs, but never past this: a call whose settle was somehow lost
 * must not keep its reservation alive for the life of the process.
 */
export const MAX_RENEWED_HOLD_MS = 60 * 60_000;

/** Nothing governs the caller: no hold, nothing to settle, no store round-trip. */
export const UNGOVERNED: Admission = Object.freeze({ headers: {}, settle() {} });

export class LiveAdmission implements Admission {
  private settled = false;
  private renewal: NodeJS.Timeout | null = null;
  private readonly admittedAt = governanceNow();

  constructor(
    private readonly store: GovernanceStore,
    private readonly orgId: string,
    private readonly plan: GovernancePlan,
    private readonly request: AdmitRequest,
    readonly headers: Record<string, string>,
  ) {
    if (request.counters.length > 0) this.scheduleRenewal();
  }

  private scheduleRenewal(): void {
    this.renewal = setTimeout(() => {
      const now = governanceNow();
      if (now - this.admittedAt > MAX_RENEWED_HOLD_MS) return;
      const keys = this.request.counters.map((c) => c.key);
      this.store
        .renewReservation(this.request.id, keys, now, this.request.holdMs)
        .catch((error) => warnThrottled("quota-renew", error, "could not renew a quota reservation; it may expire before the call ends"));
      this.scheduleRenewal();
    }, this.request.holdMs / 2);
    this.renewal.unref();
  }

  settle(usage: CallUsage): void {
    if (this.settled) return;
    this.settled = true;
    if (this.renewal) clearTimeout(this.renewal);
    const charge = chargeOf(usage);
    const now = governanceNow();
    // The usage goes to the period the usage record falls in, which differs from the reserved one
    // only for a call that crossed midnight (or the month's end).
    const chargeTo = this.plan.counters.map((c) => (c.window.end === null || now < c.window.end.getTime() ? c.spec.key : plannedCounter(c, this.orgId, now).spec.key));
    const windows = this.plan.windows.flatMap((w) => (w.kind === "tpm" ? [{ key: w.key, weight: charge.tokens }] : []));
    this.store
      .settle({ id: this.request.id, reservedIn: this.request.counters.map((c) => c.key), chargeTo, usage: charge, windows })
      .catch((error) => warnThrottled("quota-settle", error, "could not settle quota usage; counters are behind the usage ledger until they are re-seeded"));
  }
}
