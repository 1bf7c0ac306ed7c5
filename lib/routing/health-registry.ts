// This thread's view of every deployment's health: one DeploymentBreaker each, learned from the
// calls this process makes, plus the verdicts other replicas share (shared-health.ts). On the happy
// path a call costs a map lookup, two counter changes and a latency sample: no store round-trip.
import type { SharedStore } from "../store";
import { sharedStore } from "../store";
import { DeploymentBreaker, type Ejection, type EjectionReason } from "./breaker";
import { logEjection, type DeploymentMeta } from "./ejection-log";
import { CENSUS_CHANNEL, CENSUS_REPLY_CHANNEL, censusReply } from "./in-flight-census";
import { routingMetrics } from "./routing-metrics";
import { routingSettings, type RoutingSettings } from "./routing-settings";
import { announceVerdict, claimProbe, HEALTH_CHANNEL, parseVerdict, readVerdicts, releaseProbe, REPLICA_ID, type HealthVerdict } from "./shared-health";
import { SlotWaiters } from "./slot-waiters";
import { StrategyState } from "./strategies";

/** How long a catalog load waits for the shared verdicts before routing on what this thread knows. */
const RESYNC_WAIT_MS = 500;

export class HealthRegistry {
  private readonly breakers = new Map<string, DeploymentBreaker>();
  private readonly meta = new Map<string, DeploymentMeta>();
  private readonly strategies = new Map<string, StrategyState>();
  /** calls waiting for a deployment slot (maxConcurrency), any model */
  readonly waiters = new SlotWaiters();
  private settingsCache: RoutingSettings | null = null;
  private subscribed: Promise<void> | null = null;
  private censusSubscribed: Promise<void> | null = null;

  constructor(
    private readonly store: () => SharedStore = sharedStore,
    readonly clock: () => number = Date.now,
    private readonly readSettings: () => RoutingSettings = routingSettings,
  ) {}

  settings(): RoutingSettings {
    return (this.settingsCache ??= this.readSettings());
  }

  /**
   * The catalog (re)loaded: know these deployments, and learn the verdicts shared while away. The
   * promise settles once those verdicts are read (or after RESYNC_WAIT_MS, or on a store error), so a
   * catalog that awaits it never routes its first call to a deployment another thread or replica
   * already ejected; it never rejects.
   */
  register(deployments: readonly DeploymentMeta[]): Promise<void> {
    this.settingsCache = null;
    routingMetrics().readBreakersFrom(healthRegistry); // its series read this thread's registry at scrape time
    for (const meta of deployments) {
      this.meta.set(meta.id, meta);
      this.breaker(meta.id);
    }
    this.subscribed ??= this.store()
      .subscribe(
        HEALTH_CHANNEL,
        (text) => this.receive(parseVerdict(text)),
        () => void this.resync([...this.meta.keys()]),
      )
      .catch(() => {
        this.subscribed = null;
      });
    // The Health API's census of calls in flight (in-flight-census.ts): answered from the counters above.
    this.censusSubscribed ??= this.store()
      .subscribe(CENSUS_CHANNEL, (question) => this.answerCensus(question))
      .catch(() => {
        this.censusSubscribed = null;
      });
    const resynced = this.resync(deployments.map((d) => d.id)).catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, RESYNC_WAIT_MS);
      timer.unref?.();
    });
    return Promise.race([resynced, waited]).finally(() => clearTimeout(timer));
  }

  breaker(id: string): DeploymentBreaker {
    let breaker = this.breakers.get(id);
    if (!breaker) {
      breaker = new DeploymentBreaker(id, () => this.settings().breaker);
      this.breakers.set(id, breaker);
    }
    return breaker;
  }

  metaOf(id: string): DeploymentMeta | undefined {
    return this.meta.get(id);
  }

  all(): IterableIterator<DeploymentBreaker> {
    return this.breakers.values();
  }

  /** A call starts on the deployment (least-busy and maxConcurrency count these). */
  begin(id: string): DeploymentBreaker {
    const breaker = this.breaker(id);
    breaker.inFlight += 1;
    return breaker;
  }

  /** The call's slot is free again: wake a call waiting for it. */
  release(breaker: DeploymentBreaker): void {
    breaker.inFlight = Math.max(0, breaker.inFlight - 1);
    if (this.waiters.size > 0) this.waiters.wake(breaker.deploymentId);
  }

  succeeded(breaker: DeploymentBreaker, firstTokenMs: number | null): void {
    const now = this.clock();
    breaker.successes += 1;
    if (firstTokenMs !== null) breaker.observeLatency(firstTokenMs, now);
    if (breaker.recordSuccess(now)) this.recovered(breaker, now);
  }

  /** A retryable failure of the deployment (the client's own mistakes never come here). */
  failed(breaker: DeploymentBreaker, error: string): void {
    const now = this.clock();
    breaker.failures += 1;
    const ejection = breaker.recordFailure(now, error);
    if (ejection) this.ejected(breaker, ejection, now);
  }

  /**
   * An active probe's verdict on a deployment (active-probes.ts). A failure counts like a live call's
   * (the same ejection rules), and keeps an ejected deployment out for another, longer cool-down; a
   * success brings back a deployment whose cool-down is over. A success does not reset a live
   * failure streak: the models listing answering says little about completions failing.
   */
  probed(id: string, ok: boolean, error: string | null): void {
    const breaker = this.breaker(id);
    const now = this.clock();
    if (ok) {
      if (breaker.isHalfOpen(now) && !breaker.probing) {
        breaker.close(now);
        this.recovered(breaker, now);
      }
      return;
    }
    const failure = error ?? "active probe failed";
    if (breaker.state === "open") {
      breaker.lastError = failure;
      breaker.lastErrorAt = now;
      if (breaker.isHalfOpen(now) && !breaker.probing) this.ejected(breaker, breaker.eject(now, "active-probe"), now);
      return;
    }
    const ejection = breaker.recordFailure(now, failure);
    if (ejection) this.ejected(breaker, { ...ejection, reason: "active-probe" }, now);
  }

  /** The cool-down is over: this process may send the one probe call if the cluster lets it. */
  async claimHalfOpenProbe(breaker: DeploymentBreaker, attemptTimeoutMs: number): Promise<boolean> {
    const until = breaker.openUntil;
    const mine = await claimProbe(this.store(), breaker.deploymentId, until, attemptTimeoutMs + 30_000);
    // The verdict may have arrived while the lease was asked for.
    if (!mine || breaker.state !== "open" || breaker.openUntil !== until || breaker.probing) return false;
    breaker.probing = true;
    return true;
  }

  /** A probe call ended without a verdict (the client left, a client error): let another call probe. */
  abandonProbe(breaker: DeploymentBreaker): void {
    breaker.probing = false;
    releaseProbe(this.store(), breaker.deploymentId, breaker.openUntil);
  }

  /** Per model: the rotation and weights of its strategy (strategies.ts). */
  strategyState(modelId: string): StrategyState {
    let state = this.strategies.get(modelId);
    if (!state) {
      state = new StrategyState();
      this.strategies.set(modelId, state);
    }
    return state;
  }

  private ejected(breaker: DeploymentBreaker, ejection: Ejection, now: number): void {
    const settings = this.settings();
    const meta = this.meta.get(breaker.deploymentId);
    routingMetrics().ejected(meta, ejection.reason);
    if (meta) logEjection(meta, ejection, now, settings.breaker.cooldownMs);
    void announceVerdict(
      this.store(),
      { id: breaker.deploymentId, state: "open", until: ejection.until, level: ejection.level, reason: ejection.reason, lastError: ejection.lastError, at: now, from: REPLICA_ID },
      ejection.until - now + settings.breaker.maxCooldownMs,
    );
  }

  private recovered(breaker: DeploymentBreaker, now: number): void {
    void announceVerdict(
      this.store(),
      { id: breaker.deploymentId, state: "closed", until: 0, level: breaker.level, reason: null, lastError: null, at: now, from: REPLICA_ID },
      this.settings().breaker.maxCooldownMs,
    );
  }

  /** Another replica's verdict (or this one's, read back after a resync). */
  receive(verdict: HealthVerdict | null): void {
    if (!verdict || verdict.from === REPLICA_ID) return;
    const breaker = this.breaker(verdict.id);
    const now = this.clock();
    if (verdict.state === "open") {
      // An ejection already over is only a memory of its level.
      if (verdict.until > now) breaker.applyEjection(ejectionOf(verdict), verdict.at);
      else breaker.level = Math.max(breaker.level, verdict.level);
    } else if (verdict.at >= breaker.ejectedAt) {
      // A recovery older than this process's own latest ejection is stale (read back on a resync).
      if (verdict.reset) breaker.reset(now);
      else breaker.applyRecovery(verdict.level, now);
    }
  }

  private answerCensus(question: string): void {
    const reply = censusReply(question, REPLICA_ID, this.breakers.values());
    if (reply) this.store().publish(CENSUS_REPLY_CHANNEL, reply).catch(() => {});
  }

  private async resync(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const verdict of await readVerdicts(this.store(), ids)) this.receive(verdict);
  }
}

function ejectionOf(verdict: HealthVerdict): Ejection {
  return { until: verdict.until, level: verdict.level, reason: (verdict.reason ?? "consecutive-failures") as EjectionReason, lastError: verdict.lastError };
}

const slot = globalThis as unknown as { tollgateHealthRegistry?: HealthRegistry };

/** This thread's registry (a globalThis slot: the Next.js build may hold several copies of lib/). */
export function healthRegistry(): HealthRegistry {
  return (slot.tollgateHealthRegistry ??= new HealthRegistry());
}

/** Tests: start over with a fresh registry. */
export function resetHealthRegistry(registry?: HealthRegistry): void {
  slot.tollgateHealthRegistry = registry;
}
