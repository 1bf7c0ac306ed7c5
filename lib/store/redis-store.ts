import { Redis } from "ioredis";
import type { AdmitRequest, CounterSeed, SettleRequest } from "./governance";
import { RedisGovernance } from "./redis-governance";
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
  private subscriber: Redis | undefined;
  private closed = false;
  private readonly handlers = new Map<string, ((message: string) => void)[]>();
  private readonly governance: RedisGovernance;

  constructor(url: string, private readonly prefix = "tollgate:") {
    this.client = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
    this.client.on("error", () => {
      // ioredis reconnects by itself; callers see failed commands and apply their own policy.
    });
    this.governance = new RedisGovernance(this.client, prefix);
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

  renewReservation(id: string, keys: string[], now: number, holdMs: number) {
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

  async publish(channel: string, message: string) {
    await this.client.publish(this.prefix + channel, message);
  }

  /**
   * The pub/sub connection. It is connected lazily and subscribed only once ready: ioredis writes a
   * SUBSCRIBE during the connection handshake (Redis allows it while loading), after which its own
   * ready check is refused and the process crashes ("Connection in subscriber mode").
   */
  private subscriberConnection(): Redis {
    if (!this.subscriber) {
      const subscriber = this.client.duplicate({ lazyConnect: true });
      subscriber.on("error", () => {});
      subscriber.on("message", (fullChannel: string, message: string) => {
        for (const handler of this.handlers.get(fullChannel) ?? []) handler(message);
      });
      // A failed first attempt is retried by ioredis' reconnect strategy; subscribers wait for "ready".
      subscriber.connect().catch(() => {});
      this.subscriber = subscriber;
    }
    return this.subscriber;
  }

  /** Never rejects (callers fire and forget): waits for the connection, retries after a drop. */
  private async subscribeWhenReady(subscriber: Redis, fullChannel: string): Promise<void> {
    while (!this.closed) {
      if (subscriber.status !== "ready") await new Promise((resolve) => subscriber.once("ready", resolve));
      try {
        // Checked and sent in the same tick, so the connection cannot leave "ready" in between.
        await subscriber.subscribe(fullChannel);
        return;
      } catch {
        // The connection dropped mid-command; subscribe again once it is back.
      }
    }
  }

  async subscribe(channel: string, onMessage: (message: string) => void) {
    const subscriber = this.subscriberConnection();
    const fullChannel = this.prefix + channel;
    const list = this.handlers.get(fullChannel) ?? [];
    list.push(onMessage);
    this.handlers.set(fullChannel, list);
    if (list.length === 1) await this.subscribeWhenReady(subscriber, fullChannel);
  }

  async close() {
    this.closed = true;
    await Promise.allSettled([this.client.quit(), this.subscriber?.quit()]);
  }
}
