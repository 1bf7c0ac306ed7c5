// Renews the holds of admitted calls that are still running, so a long stream keeps its reservation.
// One timer for every live call rather than one per call: at thousands of calls a second, creating,
// unref'ing and clearing a timer per call cost more main-thread time than the reservation itself,
// while almost every call ends long before its hold needs renewing. A call joins the set when it is
// admitted and leaves it when it settles (a Set add and delete).

/** A live hold: renewed (`renew(now)`) at least every holdMs / 2 until it leaves the set. */
export interface RenewableHold {
  readonly holdMs: number;
  /** Date.now() of the admission or the last renewal */
  renewedAt: number;
  /** Pushes the hold's expiry; returns false once it must not be renewed any more (it then leaves the set). */
  renew(): boolean;
}

class HoldRenewals {
  private readonly live = new Set<RenewableHold>();
  private timer: NodeJS.Timeout | null = null;

  /**
   * `holdMs / 4` between ticks and a renewal once half the hold has passed: a hold is renewed at
   * most 3/4 of holdMs after the last renewal, before it can lapse.
   */
  constructor(private readonly holdMs: number) {}

  add(hold: RenewableHold): void {
    this.live.add(hold);
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), Math.max(1, this.holdMs / 4));
    this.timer.unref();
  }

  delete(hold: RenewableHold): void {
    this.live.delete(hold);
  }

  private tick(): void {
    // Stopped here, not in delete(): at low traffic the set empties after nearly every call.
    if (this.live.size === 0) {
      clearInterval(this.timer!);
      this.timer = null;
      return;
    }
    const now = Date.now();
    for (const hold of this.live) {
      if (now - hold.renewedAt < hold.holdMs / 2) continue;
      hold.renewedAt = now;
      if (!hold.renew()) this.live.delete(hold);
    }
  }
}

const slot = globalThis as unknown as { tollgateHoldRenewals?: Map<number, HoldRenewals> };

/** The renewals of holds of this length (one length per process outside tests). */
export function holdRenewals(holdMs: number): HoldRenewals {
  slot.tollgateHoldRenewals ??= new Map();
  let renewals = slot.tollgateHoldRenewals.get(holdMs);
  if (!renewals) slot.tollgateHoldRenewals.set(holdMs, (renewals = new HoldRenewals(holdMs)));
  return renewals;
}
