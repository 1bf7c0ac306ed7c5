// The time quotas and rate limits run on. Tests move it (period roll-over, reservation expiry);
// production reads the wall clock. Kept on globalThis so every copy of lib/ in the process agrees.
const slot = globalThis as unknown as { tollgateGovernanceClock?: () => number };

export function governanceNow(): number {
  return slot.tollgateGovernanceClock?.() ?? Date.now();
}

/** Tests only: pass null to go back to the wall clock. */
export function setGovernanceClock(clock: (() => number) | null): void {
  slot.tollgateGovernanceClock = clock ?? undefined;
}
