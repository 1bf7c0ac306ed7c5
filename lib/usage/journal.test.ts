// The usage journal on a real directory: appends are durable lines, replay is oldest first and
// exact (bigints, dates), segments rotate and are deleted once replayed, a torn line is skipped,
// a failed write keeps the journal's place, and segments of a process that is gone are adopted.
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encodeJournalLine } from "./journal-codec";
import { UsageJournal } from "./journal";
import type { UsageEvent } from "./usage-event";

let dir: string;

function event(n: number): UsageEvent {
  return {
    requestId: `req_${n}`, orgId: "org", keyId: "k", userId: "u", teamId: null, model: "m",
    providerId: "p", providerKind: "openai", upstreamModel: "m", inputTokens: n, outputTokens: 5, cachedTokens: 0,
    costMicros: 9_007_199_254_740_993n + BigInt(n), costSavedMicros: 7n, latencyMs: 12, ttftMs: null, streamed: false,
    status: 200, errorType: null, estimated: false, endpoint: "chat.completions", createdAt: new Date(Date.UTC(2026, 10, 24, 0, 0, n)),
    attemptLog: [{ deploymentId: "d", model: "m", status: 502, errorType: "upstream_error", upstreamStatus: 502, latencyMs: 3, ttftMs: null }],
  };
}

/** Replays everything, `batch` at a time, and returns what was written. */
async function replayAll(journal: UsageJournal, batch = 3): Promise<UsageEvent[]> {
  const written: UsageEvent[] = [];
  while (await journal.replayBatch(async (events) => void written.push(...events), batch));
  return written;
}

const segments = () => readdirSync(dir).filter((name) => name.endsWith(".jsonl"));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "tollgate-journal-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("UsageJournal", () => {
  it("replays what was appended, oldest first and exactly, then deletes its files", async () => {
    const journal = new UsageJournal({ dir });
    await journal.append([event(1), event(2)]);
    await journal.append([event(3), event(4), event(5)]);
    expect(journal.records).toBe(5);
    expect(segments()).toHaveLength(1);

    const written = await replayAll(journal, 2);
    expect(written.map((e) => e.requestId)).toEqual(["req_1", "req_2", "req_3", "req_4", "req_5"]);
    expect(written[2]).toEqual(event(3)); // bigints, the date and the attempt log as they were
    expect(journal.records).toBe(0);
    expect(journal.isEmpty).toBe(true);
    expect(segments()).toEqual([]);
  });

  it("rotates segments past their size and replays across them in order", async () => {
    const journal = new UsageJournal({ dir, segmentBytes: 2_000 });
    for (let n = 0; n < 20; n++) await journal.append([event(n)]);
    expect(segments().length).toBeGreaterThan(3);
    const written = await replayAll(journal, 4);
    expect(written.map((e) => e.inputTokens)).toEqual(Array.from({ length: 20 }, (_, n) => n));
    expect(segments()).toEqual([]);
  });

  it("keeps its place when the write fails, and goes on from there", async () => {
    const journal = new UsageJournal({ dir });
    await journal.append([1, 2, 3, 4].map(event));
    const written: string[] = [];
    await expect(journal.replayBatch(() => Promise.reject(new Error("database is down")), 2)).rejects.toThrow("database is down");
    expect(journal.records).toBe(4);
    await journal.append([event(5)]); // appends go on meanwhile
    while (await journal.replayBatch(async (events) => void written.push(...events.map((e) => e.requestId)), 2));
    expect(written).toEqual(["req_1", "req_2", "req_3", "req_4", "req_5"]);
  });

  it("adopts the segments a process of this host left behind, skipping a line torn by a crash", async () => {
    // A pid that certainly is gone: a child that ran and exited.
    const gone = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" }).stdout.trim();
    const host = hostname().replace(/[~/]/g, "_");
    const orphan = join(dir, `usage~${host}~${gone}~1000~00000000.jsonl`);
    writeFileSync(orphan, [event(1), event(2)].map(encodeJournalLine).join(""));
    appendFileSync(orphan, encodeJournalLine(event(3)).slice(0, 40)); // the crash cut this one
    // A live process's segment (this test's parent) and another host's are not taken.
    const live = join(dir, `usage~${host}~${process.ppid}~1000~00000000.jsonl`);
    const elsewhere = join(dir, `usage~another-host~${gone}~1000~00000000.jsonl`);
    writeFileSync(live, encodeJournalLine(event(8)));
    writeFileSync(elsewhere, encodeJournalLine(event(9)));

    const journal = new UsageJournal({ dir });
    await journal.open();
    expect(journal.records).toBe(3);
    await journal.append([event(4)]);
    const written = await replayAll(journal);
    expect(written.map((e) => e.requestId)).toEqual(["req_1", "req_2", "req_4"]);
    expect(journal.records).toBe(0);
    expect(segments().sort()).toEqual([elsewhere, live].map((p) => p.slice(dir.length + 1)).sort());
  });

  it("adopts an earlier incarnation with this very pid (a container's pid 1 after a restart)", async () => {
    const earlier = new UsageJournal({ dir });
    await earlier.append([event(1)]);
    await earlier.close();
    await new Promise((resolve) => setTimeout(resolve, 5)); // another start time
    const next = new UsageJournal({ dir });
    await next.open();
    expect((await replayAll(next)).map((e) => e.requestId)).toEqual(["req_1"]);
  });

  it("fails to append, and says so, when its directory cannot be created", async () => {
    writeFileSync(join(dir, "a-file"), "");
    const journal = new UsageJournal({ dir: join(dir, "a-file", "journal") });
    await expect(journal.append([event(1)])).rejects.toThrow(/ENOTDIR|EEXIST/);
    expect(journal.records).toBe(0);
  });
});
