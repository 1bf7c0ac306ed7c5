import { Redis } from "ioredis";
import type { AdmitRequest, CounterSeed, SettleRequest } from "./governance";
import { RedisGovernance } from "./redis-governance";
import { RedisPubSub } from "./redis-pubsub";
import type { SharedStore } from "./shared-store";

// INCR + PEXPIRE on first hit, atomically, returning the count and the time left.
const INCREMENT_WINDOW = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
return { count, ttl }
`;

export class RedisStore implements SharedStore {
  readonly kind = "redis" as const;
  private readonly client: Redis;
  private readonly pubsub: RedisPubSub;
  private readonly governance: RedisGovernance;

  constructor(url: string, private readonly prefix = "tollgate:") {
    this.client = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
    this.client.on("error", () => {
      // ioredis reconnects by itself; callers see failed commands and apply their own policy.
    });
    this.governance = new RedisGovernance(this.client, prefix);
    this.pubsub = new RedisPubSub(this.client, prefix);
  }

  admit(request: AdmitRequest) {
    return this.governance.admit(request);
  }

  seedCounters(seeds: CounterSeed[], now: number) {
    return this.governance.seedCounters(seeds, now);
  }

  settle(request: SettleRequest) {
    return this.governance.settle(request);
  }

  renewReservation(id: string, keys: readonly string[], now: number, holdMs: number) {
    return this.governance.renewReservation(id, keys, now, holdMs);
  }

  readCounters(keys: string[], now: number) {
    return this.governance.readCounters(keys, now);
  }

  deleteCounters(keys: string[]) {
    return this.governance.deleteCounters(keys);
  }

  async incrementWindow(key: string, ttlMs: number) {
    const [count, ttl] = (await this.client.eval(INCREMENT_WINDOW, 1, this.prefix + key, String(ttlMs))) as [number, number];
    return { count, resetInMs: ttl > 0 ? ttl : ttlMs };
  }

  async get(key: string) {
    return this.client.get(this.prefix + key);
  }

  async set(key: string, value: string, ttlMs?: number) {
    if (ttlMs) await this.client.set(this.prefix + key, value, "PX", ttlMs);
    else await this.client.set(this.prefix + key, value);
  }

  async delete(key: string) {
    await this.client.del(this.prefix + key);
  }

  publish(channel: string, message: string) {
    return this.pubsub.publish(channel, message);
  }

  async subscribe(channel: string, onMessage: (message: string) => void, onResync?: () => void) {
    await this.pubsub.subscribe(channel, onMessage, onResync);
  }

  deliveredThrough(channel: string): number {
    return this.pubsub.deliveredThrough(channel);
  }

  async close() {
    await Promise.allSettled([this.pubsub.close(), this.client.quit()]);
  }
}
