// Calls in flight per deployment across the cluster, for the Health page. Each thread's router
// already counts them (DeploymentBreaker.inFlight: least-busy and maxConcurrency read it), so the
// proxy's calls pay nothing more: the Health API publishes a census question on the shared store,
// every registry that holds calls answers with its non-zero counts, and the asker adds up the
// answers that arrive within a short wait. The number of replicas is not known, so the wait is
// fixed: in one process the store delivers at once, over Redis a round trip is a millisecond or two.
import { randomUUID } from "node:crypto";
import type { SharedStore } from "../store";
import { sharedStore } from "../store";

export const CENSUS_CHANNEL = "routing-in-flight";
export const CENSUS_REPLY_CHANNEL = "routing-in-flight-reply";
/** How long the asker collects answers, by store kind. */
export const CENSUS_WAIT_MS: Readonly<Record<SharedStore["kind"], number>> = { memory: 60, redis: 250 };

export interface CensusCounts {
  /** deployment id → calls in flight on the replicas that answered */
  counts: Map<string, number>;
  /** threads or replicas that answered with at least one call in flight */
  answers: number;
}

/** What a registry answers to a census question: its non-zero counts, or null when it holds no call. */
export function censusReply(question: string, from: string, counts: Iterable<{ deploymentId: string; inFlight: number }>): string | null {
  let nonce: unknown;
  try {
    nonce = (JSON.parse(question) as { nonce?: unknown }).nonce;
  } catch {
    return null;
  }
  if (typeof nonce !== "string") return null;
  const busy: Record<string, number> = {};
  let any = false;
  for (const { deploymentId, inFlight } of counts) {
    if (inFlight <= 0) continue;
    busy[deploymentId] = inFlight;
    any = true;
  }
  return any ? JSON.stringify({ nonce, from, counts: busy }) : null;
}

export class InFlightCensus {
  private readonly pending = new Map<string, CensusCounts>();
  private subscribed: Promise<void> | null = null;
  /** the store the reply subscription is on (tests replace the shared store) */
  private subscribedTo: SharedStore | null = null;

  constructor(private readonly store: () => SharedStore = sharedStore) {}

  /** Asks every registry; resolves after the wait with the sums (only `ids` are kept). */
  async count(ids: readonly string[], waitMs?: number): Promise<CensusCounts> {
    const store = this.store();
    if (this.subscribedTo !== store) {
      this.subscribedTo = store;
      this.subscribed = null;
    }
    this.subscribed ??= store.subscribe(CENSUS_REPLY_CHANNEL, (text) => this.onReply(text)).catch((error: unknown) => {
      this.subscribed = null;
      this.subscribedTo = null;
      throw error;
    });
    await this.subscribed;
    const nonce = randomUUID();
    const wanted = new Set(ids);
    const result: CensusCounts = { counts: new Map(), answers: 0 };
    this.pending.set(nonce, result);
    try {
      await store.publish(CENSUS_CHANNEL, JSON.stringify({ nonce }));
      await new Promise((resolve) => setTimeout(resolve, waitMs ?? CENSUS_WAIT_MS[store.kind]));
    } finally {
      this.pending.delete(nonce);
    }
    for (const id of [...result.counts.keys()]) if (!wanted.has(id)) result.counts.delete(id);
    return result;
  }

  private onReply(text: string): void {
    let reply: { nonce?: unknown; counts?: unknown };
    try {
      reply = JSON.parse(text) as typeof reply;
    } catch {
      return;
    }
    if (typeof reply.nonce !== "string" || typeof reply.counts !== "object" || reply.counts === null) return;
    const collector = this.pending.get(reply.nonce);
    if (!collector) return;
    collector.answers += 1;
    for (const [id, value] of Object.entries(reply.counts as Record<string, unknown>)) {
      const n = Number(value);
      if (Number.isInteger(n) && n > 0) collector.counts.set(id, (collector.counts.get(id) ?? 0) + n);
    }
  }
}

const slot = globalThis as unknown as { tollgateInFlightCensus?: InFlightCensus };

/** This thread's asker (the console's, for the Health API). */
export function inFlightCensus(): InFlightCensus {
  return (slot.tollgateInFlightCensus ??= new InFlightCensus());
}
