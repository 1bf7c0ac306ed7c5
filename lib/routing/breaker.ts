// One deployment's health as this process learns it from live traffic: calls in flight, recent
// failures, latency and time to first token, and the circuit breaker. Pure state with the clock
// passed in, so the rules are tested without timers; health-registry.ts owns the instances and
// shares ejections with the other replicas.
//
// Rules (docs/routing.md): only retryable failures count (a client's 4xx never does). A deployment
// is ejected after `consecutiveFailures` of them in a row, or when they are `errorRate` of at least
// `minCalls` calls within the last `windowMs`. An ejection lasts `cooldownMs`, doubled on each repeat
// up to `maxCooldownMs`; a deployment that stays healthy for `maxCooldownMs` after recovering starts
// again from the first cool-down. When the cool-down is over, one live call probes it (half-open):
// success closes the breaker, failure ejects it again for twice as long.
import type { BreakerSettings } from "./routing-settings";

export type BreakerState = "closed" | "open";
export type EjectionReason = "consecutive-failures" | "error-rate" | "probe-failed" | "active-probe";

export interface Ejection {
  until: number;
  /** how many ejections in a row this one is (1 = the first) */
  level: number;
  reason: EjectionReason;
  lastError: string | null;
}

/** The window is counted in slots of this many parts, so old failures fall out without a timer. */
const WINDOW_SLOTS = 6;
/** Latency estimates are time-decayed: a sample weighs 1 - e^(-Δt/τ) against the estimate. */
const LATENCY_TAU_MS = 10_000;
/** An estimate older than this is forgotten, so least-latency tries that deployment again. */
export const LATENCY_STALE_MS = 30_000;

export class DeploymentBreaker {
  inFlight = 0;
  /** attempts that served, and retryable failures (tollgate_routing_attempts_total reads both) */
  successes = 0;
  failures = 0;
  state: BreakerState = "closed";
  /** when the current (or last) ejection was decided */
  ejectedAt = 0;
  openUntil = 0;
  /** consecutive ejections; 0 = none since the last calm period */
  level = 0;
  recoveredAt = 0;
  /** a half-open probe call of this process is in flight */
  probing = false;
  consecutiveFailures = 0;
  lastError: string | null = null;
  lastErrorAt = 0;
  /** time to first token (a JSON call's whole latency), decayed; null = unknown */
  latencyEstimateMs: number | null = null;
  latencyMeasuredAt = 0;
  private readonly slotCalls = new Array<number>(WINDOW_SLOTS).fill(0);
  private readonly slotFailures = new Array<number>(WINDOW_SLOTS).fill(0);
  private slotEpoch = 0;

  constructor(
    readonly deploymentId: string,
    private readonly settings: () => BreakerSettings,
  ) {}

  /** May a call go to this deployment now? `halfOpen` = only as the one probe call. */
  admission(now: number): "closed" | "half-open" | "open" {
    if (this.state === "closed") return "closed";
    if (now < this.openUntil || this.probing) return "open";
    return "half-open";
  }

  /** The cool-down is over and nobody probes yet. */
  isHalfOpen(now: number): boolean {
    return this.state === "open" && now >= this.openUntil;
  }

  latencyScore(now: number): number | null {
    if (this.latencyEstimateMs === null || now - this.latencyMeasuredAt > LATENCY_STALE_MS) return null;
    return this.latencyEstimateMs;
  }

  observeLatency(ms: number, now: number): void {
    if (this.latencyEstimateMs === null || now - this.latencyMeasuredAt > LATENCY_STALE_MS) {
      this.latencyEstimateMs = ms;
    } else {
      const weight = 1 - Math.exp(-Math.max(1, now - this.latencyMeasuredAt) / LATENCY_TAU_MS);
      this.latencyEstimateMs += weight * (ms - this.latencyEstimateMs);
    }
    this.latencyMeasuredAt = now;
  }

  /** A call succeeded. Returns true when it closed the breaker (a half-open probe that worked). */
  recordSuccess(now: number): boolean {
    this.consecutiveFailures = 0;
    this.count(now, false);
    if (this.state === "open" && this.probing) {
      this.close(now);
      return true;
    }
    this.decayLevel(now);
    return false;
  }

  /** A retryable failure. Returns the ejection it caused, if any. */
  recordFailure(now: number, error: string): Ejection | null {
    this.lastError = error;
    this.lastErrorAt = now;
    this.consecutiveFailures += 1;
    this.count(now, true);
    if (this.state === "open") {
      if (!this.probing) return null; // a call that started before the ejection
      return this.eject(now, "probe-failed");
    }
    const settings = this.settings();
    if (this.consecutiveFailures >= settings.consecutiveFailures) return this.eject(now, "consecutive-failures");
    const { calls, failures } = this.windowTotals(now);
    if (calls >= settings.minCalls && failures / calls >= settings.errorRate) return this.eject(now, "error-rate");
    return null;
  }

  /** Ejects now (another replica's verdict, or an active probe's). */
  eject(now: number, reason: EjectionReason): Ejection {
    this.decayLevel(now);
    const settings = this.settings();
    const cooldown = Math.min(settings.maxCooldownMs, settings.cooldownMs * 2 ** this.level);
    this.level += 1;
    this.state = "open";
    this.ejectedAt = now;
    this.openUntil = now + cooldown;
    this.probing = false;
    this.consecutiveFailures = 0;
    this.resetWindow();
    return { until: this.openUntil, level: this.level, reason, lastError: this.lastError };
  }

  /** Applies an ejection decided elsewhere (another replica, the shared store). */
  applyEjection(ejection: Ejection, decidedAt: number): void {
    this.ejectedAt = Math.max(this.ejectedAt, decidedAt);
    this.openUntil = this.state === "open" ? Math.max(this.openUntil, ejection.until) : ejection.until;
    this.state = "open";
    this.level = Math.max(this.level, ejection.level);
    this.probing = false;
    this.consecutiveFailures = 0;
    if (ejection.lastError) this.lastError = ejection.lastError;
    this.resetWindow();
  }

  /** Applies a recovery decided elsewhere. */
  applyRecovery(level: number, now: number): void {
    if (this.state === "open") this.close(now);
    this.level = Math.max(this.level, level);
  }

  /** An admin's restore: closed, its failure streak and window forgotten, the next ejection starts from the first cool-down. */
  reset(now: number): void {
    this.close(now);
    this.level = 0;
  }

  close(now: number): void {
    this.state = "closed";
    this.probing = false;
    this.openUntil = 0;
    this.recoveredAt = now;
    this.consecutiveFailures = 0;
    this.resetWindow();
  }

  private decayLevel(now: number): void {
    // Calm for a whole maximal cool-down since it recovered: a new ejection starts from the first step.
    if (this.state === "closed" && this.level > 0 && now - this.recoveredAt >= this.settings().maxCooldownMs) this.level = 0;
  }

  private slotWidth(): number {
    return Math.max(1, Math.ceil(this.settings().windowMs / WINDOW_SLOTS));
  }

  private advance(now: number): number {
    const epoch = Math.floor(now / this.slotWidth());
    if (epoch - this.slotEpoch >= WINDOW_SLOTS) {
      this.resetWindow();
    } else {
      for (let e = this.slotEpoch + 1; e <= epoch; e++) {
        this.slotCalls[e % WINDOW_SLOTS] = 0;
        this.slotFailures[e % WINDOW_SLOTS] = 0;
      }
    }
    this.slotEpoch = Math.max(this.slotEpoch, epoch);
    return epoch % WINDOW_SLOTS;
  }

  private count(now: number, failed: boolean): void {
    const slot = this.advance(now);
    this.slotCalls[slot] += 1;
    if (failed) this.slotFailures[slot] += 1;
  }

  windowTotals(now: number): { calls: number; failures: number } {
    this.advance(now);
    let calls = 0;
    let failures = 0;
    for (let i = 0; i < WINDOW_SLOTS; i++) {
      calls += this.slotCalls[i];
      failures += this.slotFailures[i];
    }
    return { calls, failures };
  }

  private resetWindow(): void {
    this.slotCalls.fill(0);
    this.slotFailures.fill(0);
  }
}
