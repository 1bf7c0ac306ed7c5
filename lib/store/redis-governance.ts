// Quota counters and rate windows in Redis: one Lua script per operation (redis-scripts.ts), run by
// EVALSHA with a fallback to EVAL when the server has not cached the script yet (restart, failover).
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import {
  AMOUNT_KINDS,
  RATE_WINDOW_MS,
  type AdmitRequest,
  type AdmitResult,
  type CounterSeed,
  type CounterState,
  type GovernanceStore,
  type SettleRequest,
  type WindowState,
} from "./governance";
import { ADMIT, READ, RENEW, SEED, SETTLE } from "./redis-scripts";

class Script {
  private readonly sha: string;
  constructor(private readonly source: string) {
    this.sha = createHash("sha1").update(source).digest("hex");
  }

  async run(client: Redis, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
      return client.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}

const scripts = { admit: new Script(ADMIT), seed: new Script(SEED), settle: new Script(SETTLE), renew: new Script(RENEW), read: new Script(READ) };

const int = (value: number) => String(Math.round(value));

function windowStates(flat: unknown[], from: number): WindowState[] {
  const states: WindowState[] = [];
  for (let i = from; i + 2 < flat.length; i += 3) {
    states.push({ limit: Number(flat[i]), remaining: Number(flat[i + 1]), resetMs: Number(flat[i + 2]) });
  }
  return states;
}

export class RedisGovernance implements GovernanceStore {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
  ) {}

  private counterKeys(keys: readonly string[]): string[] {
    return keys.flatMap((key) => [this.prefix + key, `${this.prefix}${key}:holds`]);
  }

  private windowKeys(keys: string[]): string[] {
    return keys.flatMap((key) => [this.prefix + key, `${this.prefix}${key}:w`]);
  }

  async admit(request: AdmitRequest): Promise<AdmitResult> {
    const keys = [...this.counterKeys(request.counters.map((c) => c.key)), ...this.windowKeys(request.windows.map((w) => w.key))];
    const args: (string | number)[] = [
      request.id, int(request.now), int(request.holdMs),
      int(request.ask.calls), int(request.ask.tokens), int(request.ask.cost),
      request.counters.length, request.windows.length, RATE_WINDOW_MS,
    ];
    for (const { limits } of request.counters) for (const kind of AMOUNT_KINDS) args.push(limits[kind] === null ? -1 : int(limits[kind]));
    for (const window of request.windows) args.push(int(window.limit), int(window.weight));
    const reply = (await scripts.admit.run(this.client, keys, args)) as unknown[];
    switch (reply[0]) {
      case "admitted":
        return { outcome: "admitted", windows: windowStates(reply, 1) };
      case "unseeded":
        return { outcome: "unseeded", missing: reply.slice(1).map((i) => request.counters[Number(i) - 1].key) };
      case "quota":
        return {
          outcome: "quota", counter: Number(reply[1]) - 1, kind: AMOUNT_KINDS[Number(reply[2]) - 1],
          used: Number(reply[3]), reserved: Number(reply[4]), limit: Number(reply[5]),
        };
      case "rate":
        return { outcome: "rate", window: Number(reply[1]) - 1, retryAfterMs: Number(reply[2]), windows: windowStates(reply, 3) };
      default:
        throw new Error(`unexpected admit reply from Redis: ${String(reply[0])}`);
    }
  }

  async seedCounters(seeds: CounterSeed[], now: number): Promise<void> {
    const live = seeds.filter((s) => s.expireAt === null || s.expireAt > now);
    if (live.length === 0) return;
    const args = live.flatMap((s) => [int(s.used.calls), int(s.used.tokens), int(s.used.cost), s.expireAt === null ? -1 : int(s.expireAt - now)]);
    await scripts.seed.run(this.client, this.counterKeys(live.map((s) => s.key)), args);
  }

  async settle(request: SettleRequest): Promise<void> {
    const keys = [
      ...this.counterKeys(request.reservedIn),
      ...request.chargeTo.map((key) => this.prefix + key),
      ...this.windowKeys(request.windows.map((w) => w.key)),
    ];
    if (keys.length === 0) return;
    const { usage } = request;
    const args = [
      request.id, request.reservedIn.length, request.chargeTo.length, request.windows.length,
      int(usage.calls), int(usage.tokens), int(usage.cost),
      ...request.windows.map((w) => int(w.weight)),
    ];
    await scripts.settle.run(this.client, keys, args);
  }

  async renewReservation(id: string, keys: readonly string[], now: number, holdMs: number): Promise<void> {
    if (keys.length === 0) return;
    await scripts.renew.run(this.client, this.counterKeys(keys), [id, int(now + holdMs)]);
  }

  async readCounters(keys: string[], now: number): Promise<(CounterState | null)[]> {
    if (keys.length === 0) return [];
    const reply = (await scripts.read.run(this.client, this.counterKeys(keys), [int(now)])) as number[][];
    return reply.map((row) =>
      row[0] === 0
        ? null
        : { used: { calls: row[1], tokens: row[2], cost: row[3] }, reserved: { calls: row[4], tokens: row[5], cost: row[6] } },
    );
  }

  async deleteCounters(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.client.del(...this.counterKeys(keys));
  }
}
