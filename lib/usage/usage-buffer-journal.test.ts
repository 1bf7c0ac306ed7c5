// The usage buffer's bound and its journal, with a writer that plays the database (up, down, hung)
// and a real journal directory: memory stays under the bound, nothing is lost or written twice,
// and only a journal that cannot be written either makes the buffer drop records.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { UsageJournal } from "./journal";
import { UsageBuffer } from "./usage-buffer";
import type { UsageEvent } from "./usage-event";

let dir: string;

function event(n: number): UsageEvent {
  return {
    requestId: `req_${n}`, orgId: "org", keyId: null, userId: "u", teamId: null, model: "m",
    providerId: null, providerKind: "openai", upstreamModel: "m", inputTokens: 1, outputTokens: 1, cachedTokens: 0,
    costMicros: 3n, latencyMs: 1, ttftMs: null, streamed: false, status: 200, errorType: null, estimated: false,
    endpoint: "chat.completions", createdAt: new Date(),
  };
}

/** A database: `mode` says how the next write goes; `stored` is idempotent by request id, like the real writers. */
function fakeDatabase() {
  const stored = new Map<string, number>();
  const db = {
    mode: "up" as "up" | "down" | "hung",
    stored,
    release: [] as (() => void)[],
    write: async (events: readonly UsageEvent[]): Promise<number> => {
      if (db.mode === "down") throw new Error("connect ECONNREFUSED");
      if (db.mode === "hung") await new Promise<void>((resolve) => db.release.push(resolve)).then(() => Promise.reject(new Error("timeout")));
      let fresh = 0;
      for (const e of events) if (!stored.has(e.requestId)) stored.set(e.requestId, ++fresh);
      return fresh;
    },
  };
  return db;
}

const journalFiles = () => readdirSync(dir, { recursive: true }).filter((name) => String(name).endsWith(".jsonl"));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "tollgate-buffer-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("UsageBuffer with a journal", () => {
  it("moves records to the journal during an outage, keeps memory under the bound, and replays every record once", async () => {
    const db = fakeDatabase();
    db.mode = "down";
    const buffer = new UsageBuffer(db.write, { flushSize: 50, flushIntervalMs: 5, maxRecords: 1_000, journalAfterMs: 20, journal: new UsageJournal({ dir }) });
    let peak = 0;
    for (let n = 0; n < 4_000; n++) {
      buffer.enqueue(event(n));
      peak = Math.max(peak, buffer.pending);
      if (n % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 10)); // about 2,000 calls a second
    }
    await vi.waitFor(() => expect(buffer.journaled).toBeGreaterThan(3_000), { timeout: 5_000 });
    expect(peak).toBeLessThanOrEqual(1_000);
    expect(buffer.dropped).toBe(0);
    expect(buffer.health).toBe("degraded");

    db.mode = "up";
    await vi.waitFor(() => expect(db.stored.size).toBe(4_000), { timeout: 10_000 });
    await vi.waitFor(() => expect(buffer.health).toBe("ok"), { timeout: 5_000 });
    expect(buffer.written).toBe(4_000);
    expect(buffer.journaled).toBe(0);
    expect(journalFiles()).toEqual([]);
    await buffer.shutdown();
  });

  it("journals behind a write that hangs instead of piling records up in memory", async () => {
    const db = fakeDatabase();
    const buffer = new UsageBuffer(db.write, { flushSize: 50, flushIntervalMs: 5, maxRecords: 1_000, journalAfterMs: 30, journal: new UsageJournal({ dir }) });
    db.mode = "hung";
    for (let n = 0; n < 50; n++) buffer.enqueue(event(n)); // the first batch goes out and hangs
    for (let n = 50; n < 3_000; n++) {
      buffer.enqueue(event(n));
      if (n % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await vi.waitFor(() => expect(buffer.journaled).toBeGreaterThan(2_000), { timeout: 5_000 });
    expect(buffer.pending).toBeLessThanOrEqual(1_000);
    expect(buffer.dropped).toBe(0);
    db.mode = "up";
    for (const release of db.release.splice(0)) release(); // the hung write fails at last
    await vi.waitFor(() => expect(db.stored.size).toBe(3_000), { timeout: 10_000 });
    await buffer.shutdown();
  });

  it("drops past the bound only when the journal cannot be written either, and says it is failing", async () => {
    const db = fakeDatabase();
    db.mode = "down";
    writeFileSync(join(dir, "not-a-directory"), "");
    const buffer = new UsageBuffer(db.write, {
      flushSize: 50, flushIntervalMs: 5, maxRecords: 1_000, journalAfterMs: 0, journal: new UsageJournal({ dir: join(dir, "not-a-directory", "journal") }),
    });
    for (let n = 0; n < 1_500; n++) buffer.enqueue(event(n));
    await vi.waitFor(() => expect(buffer.journalError).toBeInstanceOf(Error), { timeout: 5_000 });
    expect(buffer.pending).toBe(1_000);
    expect(buffer.dropped).toBe(500);
    expect(buffer.health).toBe("failing");

    db.mode = "up";
    await vi.waitFor(() => expect(db.stored.size).toBe(1_000), { timeout: 10_000 });
    await vi.waitFor(() => expect(buffer.health).toBe("ok"), { timeout: 5_000 });
    await buffer.shutdown();
  });

  it("leaves what the database cannot take in the journal at shutdown, and the next process replays it", async () => {
    const db = fakeDatabase();
    db.mode = "down";
    const first = new UsageBuffer(db.write, { flushSize: 50, flushIntervalMs: 60_000, maxRecords: 1_000, journal: new UsageJournal({ dir }), drainTimeoutMs: 60_000 });
    for (let n = 0; n < 120; n++) first.enqueue(event(n));
    const started = Date.now();
    await first.shutdown();
    expect(Date.now() - started).toBeLessThan(5_000); // no waiting out the drain timeout
    expect(first.pending).toBe(0);
    expect(journalFiles()).toHaveLength(1);

    db.mode = "up";
    await new Promise((resolve) => setTimeout(resolve, 5)); // another start time, same pid
    const next = new UsageBuffer(db.write, { flushSize: 50, flushIntervalMs: 5, maxRecords: 1_000, journal: new UsageJournal({ dir }) });
    await next.recoverJournal();
    await vi.waitFor(() => expect(db.stored.size).toBe(120), { timeout: 5_000 });
    await next.flush();
    expect(next.health).toBe("ok");
    expect(journalFiles()).toEqual([]);
    await next.shutdown();
  });
});
