// An admitted call's hold on its quotas and rate windows: renewed while the call runs (a long stream
// can outlive the hold), settled exactly once to the real usage when it ends. Settling never blocks
// the response: an in-process store books it synchronously (a few map operations), a shared one
// (Redis) in the background; a failure is logged (the reservation then simply expires).
import type { AdmitRequest, GovernanceStore, SettleRequest, SharedStore, SyncGovernance } from "../store";
import { chargeOf, type CallUsage } from "./billable-call";
import { governanceNow } from "./clock";
import { plannedCounter, type GovernancePlan } from "./governance-plan";
import { holdRenewals, type RenewableHold } from "./hold-renewals";
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

/** The synchronous side of an in-process store (a MemoryStore, or the local MemoryGovernance of degraded admission). */
function syncOf(store: GovernanceStore): SyncGovernance | undefined {
  return "admitNow" in store ? (store as GovernanceStore & SyncGovernance) : (store as Partial<SharedStore>).syncGovernance;
}

export class LiveAdmission implements Admission, RenewableHold {
  private settled = false;
  private readonly admittedAt = governanceNow();
  renewedAt = Date.now();
  private readonly sync: SyncGovernance | undefined;

  constructor(
    private readonly store: GovernanceStore,
    private readonly orgId: string,
    private readonly plan: GovernancePlan,
    private readonly request: AdmitRequest,
    readonly headers: Record<string, string>,
  ) {
    this.sync = syncOf(store);
    if (request.counters.length > 0) holdRenewals(request.holdMs).add(this);
  }

  get holdMs(): number {
    return this.request.holdMs;
  }

  /** Called by the shared renewal timer (hold-renewals.ts) while the call runs. */
  renew(): boolean {
    const now = governanceNow();
    if (now - this.admittedAt > MAX_RENEWED_HOLD_MS) return false;
    const { id, holdMs } = this.request;
    const keys = this.plan.counterKeys;
    if (this.sync) this.sync.renewNow(id, keys, now, holdMs);
    else this.store.renewReservation(id, keys, now, holdMs).catch((error) => warnThrottled("quota-renew", error, "could not renew a quota reservation; it may expire before the call ends"));
    return true;
  }

  settle(usage: CallUsage): void {
    if (this.settled) return;
    this.settled = true;
    if (this.request.counters.length > 0) holdRenewals(this.request.holdMs).delete(this);
    const charge = chargeOf(usage);
    const now = governanceNow();
    const { counters, counterKeys, tpmKeys } = this.plan;
    // The usage goes to the period the usage record falls in, which differs from the reserved one
    // only for a call that crossed midnight (or the month's end).
    const chargeTo = counters.every((c) => c.window.end === null || now < c.window.end.getTime())
      ? counterKeys
      : counters.map((c) => (c.window.end === null || now < c.window.end.getTime() ? c.spec.key : plannedCounter(c, this.orgId, now).spec.key));
    const windows = tpmKeys.length === 0 ? [] : tpmKeys.map((key) => ({ key, weight: charge.tokens }));
    const request: SettleRequest = { id: this.request.id, reservedIn: counterKeys, chargeTo, usage: charge, windows };
    if (this.sync) {
      try {
        this.sync.settleNow(request);
      } catch (error) {
        warnThrottled("quota-settle", error, "could not settle quota usage; counters are behind the usage ledger until they are re-seeded");
      }
      return;
    }
    this.store
      .settle(request)
      .catch((error) => warnThrottled("quota-settle", error, "could not settle quota usage; counters are behind the usage ledger until they are re-seeded"));
  }
}
