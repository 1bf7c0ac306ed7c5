import { Redis } from "ioredis";
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
  private readonly handlers = new Map<string, ((message: string) => void)[]>();

  constructor(url: string, private readonly prefix = "tollgate:") {
    this.client = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
    this.client.on("error", () => {
      // ioredis reconnects by itself; callers see failed commands and apply their own policy.
    });
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

  async subscribe(channel: string, onMessage: (message: string) => void) {
    if (!this.subscriber) {
      this.subscriber = this.client.duplicate();
      this.subscriber.on("error", () => {});
      this.subscriber.on("message", (fullChannel: string, message: string) => {
        for (const handler of this.handlers.get(fullChannel) ?? []) handler(message);
      });
    }
    const fullChannel = this.prefix + channel;
    const list = this.handlers.get(fullChannel) ?? [];
    list.push(onMessage);
    this.handlers.set(fullChannel, list);
    if (list.length === 1) await this.subscriber.subscribe(fullChannel);
  }

  async close() {
    await Promise.allSettled([this.client.quit(), this.subscriber?.quit()]);
  }
}
