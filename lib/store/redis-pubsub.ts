// Pub/sub for RedisStore, with what the caches behind it need to stay correct through an outage.
// Redis pub/sub is fire-and-forget: a message published while a subscriber is disconnected is lost
// for it, and a connection that died silently (a network partition) delivers nothing without any
// error. So, per channel:
// - `deliveredThrough`: the subscriber connection is pinged every HEARTBEAT_MS; Redis answers in
//   order on a connection, so a pong proves that every message published before its ping was sent
//   has arrived. While the connection is down or silent the value stops advancing, and a cache that
//   trusts entries only while it is recent (lib/gateway/key-cache.ts) notices within a second;
// - `onResync`: every time a channel is (re-)subscribed, the first time included, its subscribers
//   are told that messages may have been missed and rebuild from the database;
// - a message that could not be published (this process lost Redis) is published again once the
//   connection is back, so replicas that stayed connected catch up too.
import type { Redis } from "ioredis";
import { logger } from "../logger";

const HEARTBEAT_MS = 200;
/** A ping unanswered this long means the connection is dead without knowing it: reconnect. */
const RECONNECT_AFTER_MS = 3_000;
/** Messages kept for publishing again; past this the oldest go (each is also logged by its publisher). */
const MAX_UNSENT = 10_000;

interface Subscriber {
  onMessage(message: string): void;
  onResync?(): void;
}

interface Channel {
  fullName: string;
  subscribers: Subscriber[];
  /** the connection epoch it is subscribed on (-1: not yet) */
  epoch: number;
  deliveredThrough: number;
  waiting: (() => void)[];
}

export class RedisPubSub {
  private connection: Redis | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly channels = new Map<string, Channel>();
  private readonly byFullName = new Map<string, Channel>();
  /** bumped whenever the subscriber connection is lost: answers from before cannot vouch for after */
  private epoch = 0;
  private ping: { sentAt: number } | null = null;
  private readonly unsent = new Map<string, { fullName: string; message: string }>();
  private closed = false;

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
  ) {
    client.on("ready", () => void this.publishUnsent());
  }

  async publish(channel: string, message: string): Promise<void> {
    const fullName = this.prefix + channel;
    try {
      await this.client.publish(fullName, message);
    } catch (error) {
      this.keepUnsent(fullName, message);
      throw error;
    }
  }

  async subscribe(channel: string, onMessage: (message: string) => void, onResync?: () => void): Promise<void> {
    if (this.closed) return;
    const connection = this.subscriberConnection();
    let entry = this.channels.get(channel);
    if (!entry) {
      entry = { fullName: this.prefix + channel, subscribers: [], epoch: -1, deliveredThrough: 0, waiting: [] };
      this.channels.set(channel, entry);
      this.byFullName.set(entry.fullName, entry);
      // Otherwise the connection's next "ready" subscribes every channel.
      if (connection.status === "ready") void this.subscribeAll([entry]);
    }
    entry.subscribers.push({ onMessage, onResync });
    if (entry.epoch === this.epoch) {
      onResync?.(); // it joins a live channel: whatever it built before now may predate the subscription
      return;
    }
    const live = entry;
    await new Promise<void>((resolve) => live.waiting.push(resolve));
  }

  deliveredThrough(channel: string): number {
    return this.channels.get(channel)?.deliveredThrough ?? 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const entry of this.channels.values()) entry.waiting.splice(0).forEach((resolve) => resolve());
    await this.connection?.quit().catch(() => {});
  }

  /**
   * Connected lazily, and subscribed only once ready: ioredis would otherwise write a SUBSCRIBE during
   * its handshake, after which its own ready check is refused ("Connection in subscriber mode").
   * autoResubscribe is off because re-subscribing is this class's job (it must resync after it).
   */
  private subscriberConnection(): Redis {
    if (this.connection) return this.connection;
    const connection = this.client.duplicate({ lazyConnect: true, autoResubscribe: false });
    connection.on("error", () => {}); // ioredis reconnects by itself
    connection.on("message", (fullName: string, message: string) => {
      for (const subscriber of this.byFullName.get(fullName)?.subscribers ?? []) subscriber.onMessage(message);
    });
    connection.on("close", () => {
      this.epoch++;
      this.ping = null;
    });
    connection.on("ready", () => void this.subscribeAll([...this.channels.values()]));
    connection.connect().catch(() => {}); // a failed first attempt is retried by ioredis' reconnect strategy
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
    this.connection = connection;
    return connection;
  }

  private async subscribeAll(entries: Channel[]): Promise<void> {
    const connection = this.connection;
    if (!connection || entries.length === 0) return;
    const epoch = this.epoch;
    try {
      await connection.subscribe(...entries.map((e) => e.fullName));
    } catch {
      return; // the connection dropped again; its next "ready" subscribes everything
    }
    if (epoch !== this.epoch || this.closed) return;
    const now = Date.now();
    for (const entry of entries) {
      if (entry.epoch === epoch) continue;
      entry.epoch = epoch;
      // Before anything is trusted again: whatever was published while unsubscribed is gone.
      for (const subscriber of entry.subscribers) {
        try {
          subscriber.onResync?.();
        } catch (error) {
          logger().error({ err: error, channel: entry.fullName }, "a subscriber's resync failed");
        }
      }
      entry.deliveredThrough = now;
      entry.waiting.splice(0).forEach((resolve) => resolve());
    }
  }

  private beat(): void {
    const connection = this.connection;
    if (!connection || connection.status !== "ready") return;
    const now = Date.now();
    if (this.ping) {
      if (now - this.ping.sentAt > RECONNECT_AFTER_MS) connection.disconnect(true);
      return;
    }
    const ping = { sentAt: now };
    const epoch = this.epoch;
    this.ping = ping;
    connection.ping().then(
      () => {
        if (this.ping === ping) this.ping = null;
        if (epoch !== this.epoch) return;
        for (const entry of this.channels.values()) {
          if (entry.epoch === epoch && ping.sentAt > entry.deliveredThrough) entry.deliveredThrough = ping.sentAt;
        }
      },
      () => {
        if (this.ping === ping) this.ping = null;
      },
    );
  }

  private keepUnsent(fullName: string, message: string): void {
    const id = `${fullName}\n${message}`;
    this.unsent.delete(id); // re-inserted as the newest
    this.unsent.set(id, { fullName, message });
    if (this.unsent.size > MAX_UNSENT) this.unsent.delete(this.unsent.keys().next().value!);
  }

  private async publishUnsent(): Promise<void> {
    for (const [id, { fullName, message }] of this.unsent) {
      try {
        await this.client.publish(fullName, message);
      } catch {
        return; // down again: the next "ready" goes on
      }
      this.unsent.delete(id);
    }
  }
}
