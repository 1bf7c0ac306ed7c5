// The usage ledger's local journal: where usage records go instead of memory while the database
// cannot take them (usage-buffer.ts decides when). Append-only JSON lines (journal-codec.ts) in
// segment files under one directory, each append written in one call and fsync'd before the buffer
// lets go of its records, rotated past `segmentBytes`. Replayed oldest first, one batch at a time,
// through the same writer as the buffer (idempotent by request id, so a batch replayed twice after a
// crash is stored and rolled up once); a segment is deleted once all of it is written.
//
// Each process writes segments of its own (`usage~<host>~<pid>~<start>~<seq>.jsonl`). Segments left
// by a process of this host that is gone (it crashed, or stopped while the database was down) are
// adopted by the next process that opens the journal, and replayed by it.
import { mkdir, open, readdir, readFile, rename, stat, unlink, type FileHandle } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { decodeJournalLine, encodeJournalLine } from "./journal-codec";
import type { UsageEvent } from "./usage-event";

export interface UsageJournalOptions {
  dir: string;
  /** a segment is closed (and a new one started) once it is past this size */
  segmentBytes?: number;
}

interface Owner {
  host: string;
  pid: number;
  start: number;
}

const SEGMENT = /^usage~([^~]+)~(\d+)~(\d+)~(\d+)\.jsonl$/;
const DEFAULT_SEGMENT_BYTES = 4 * 1024 * 1024;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const countLines = (text: string) => text.split("\n").filter((line) => line.trim() !== "").length;

export class UsageJournal {
  /** records journaled and not replayed yet */
  records = 0;
  private readonly owner: Owner = { host: hostname().replace(/[~/]/g, "_"), pid: process.pid, start: Date.now() };
  private readonly segmentBytes: number;
  private seq = 0;
  /** closed segments, oldest first */
  private closed: { path: string; lines: number }[] = [];
  private active: { path: string; handle: FileHandle; bytes: number; lines: number } | null = null;
  /** the segment being replayed, read into memory, and how far it got */
  private cursor: { path: string; events: UsageEvent[]; next: number } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private ready = false;

  constructor(private readonly options: UsageJournalOptions) {
    this.segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
  }

  get dir(): string {
    return this.options.dir;
  }

  get isEmpty(): boolean {
    return this.records === 0 && this.closed.length === 0 && this.cursor === null && (this.active?.lines ?? 0) === 0;
  }

  /** Runs journal operations one at a time: appends, replay steps and adoption share the files. */
  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => {});
    return run;
  }

  private segmentPath(seq: number): string {
    const { host, pid, start } = this.owner;
    return join(this.options.dir, `usage~${host}~${pid}~${start}~${String(seq).padStart(8, "0")}.jsonl`);
  }

  /** Appends the events durably (written and fsync'd) or throws; nothing is kept half-way in memory. */
  append(events: readonly UsageEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    return this.exclusive(async () => {
      if (!this.ready) await this.openDir();
      if (!this.active) {
        const path = this.segmentPath(this.seq++);
        this.active = { path, handle: await open(path, "a"), bytes: 0, lines: 0 };
      }
      const text = events.map(encodeJournalLine).join("");
      const { handle } = this.active;
      await handle.write(text);
      await handle.datasync();
      this.active.bytes += Buffer.byteLength(text);
      this.active.lines += events.length;
      this.records += events.length;
      if (this.active.bytes >= this.segmentBytes) await this.closeActive();
    });
  }

  private async closeActive(): Promise<void> {
    const active = this.active;
    if (!active) return;
    this.active = null;
    await active.handle.close();
    if (active.lines > 0) this.closed.push({ path: active.path, lines: active.lines });
    else await unlink(active.path).catch(() => {});
  }

  /**
   * Replays the next batch of the oldest journaled records through `write`. Resolves true while
   * records remain, false once the journal is empty; rejects (keeping its place) when the write
   * fails. The write runs outside the journal's lock, so appends go on while it waits.
   */
  async replayBatch(write: (events: readonly UsageEvent[]) => Promise<unknown>, batchSize: number): Promise<boolean> {
    const batch = await this.exclusive(() => this.peekBatch(batchSize));
    if (batch.length > 0) await write(batch);
    return this.exclusive(() => this.advance(batch.length));
  }

  /** The next `size` records of the segment being replayed (opening the oldest one when none is). */
  private async peekBatch(size: number): Promise<UsageEvent[]> {
    if (!this.ready) await this.openDir();
    if (!this.cursor) {
      if (this.closed.length === 0) await this.closeActive(); // the records still being appended to
      const segment = this.closed.shift();
      if (!segment) return [];
      const text = await readFile(segment.path, "utf8").catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return ""; // adopted and replayed by another process meanwhile
        this.closed.unshift(segment);
        throw error;
      });
      const events = text.split("\n").map(decodeJournalLine).filter((e): e is UsageEvent => e !== null);
      this.records -= segment.lines - events.length; // torn lines of a crash are not records
      this.cursor = { path: segment.path, events, next: 0 };
    }
    return this.cursor.events.slice(this.cursor.next, this.cursor.next + size);
  }

  /** After `count` records of the current segment were written: moves on, deleting a finished segment. */
  private async advance(count: number): Promise<boolean> {
    const cursor = this.cursor;
    if (cursor) {
      cursor.next += count;
      this.records -= count;
      if (cursor.next >= cursor.events.length) {
        this.cursor = null;
        await unlink(cursor.path).catch(() => {});
      }
    }
    return !this.isEmpty;
  }

  /** Opens the directory and adopts the segments of processes of this host that are gone. */
  open(): Promise<void> {
    return this.exclusive(() => this.openDir());
  }

  private async openDir(): Promise<void> {
    await mkdir(this.options.dir, { recursive: true });
    this.ready = true;
    const orphans = (await readdir(this.options.dir))
      .map((name) => ({ name, match: SEGMENT.exec(name) }))
      .filter(({ match }) => match !== null)
      .map(({ name, match }) => ({ name, host: match![1], pid: Number(match![2]), start: Number(match![3]), seq: Number(match![4]) }))
      .filter((s) => s.host === this.owner.host && !(s.pid === this.owner.pid && s.start === this.owner.start))
      // An earlier incarnation with this very pid (a container's pid 1) is gone too.
      .filter((s) => s.pid === this.owner.pid || !isAlive(s.pid))
      .sort((a, b) => a.start - b.start || a.seq - b.seq);
    for (const orphan of orphans) {
      const path = this.segmentPath(this.seq++);
      try {
        await rename(join(this.options.dir, orphan.name), path);
      } catch {
        continue; // another process adopted it first
      }
      const lines = (await stat(path)).size > 0 ? countLines(await readFile(path, "utf8")) : 0;
      this.closed.push({ path, lines });
      this.records += lines;
    }
  }

  /** Closes the active segment's file (its records stay on disk for the next process). */
  close(): Promise<void> {
    return this.exclusive(() => this.closeActive());
  }
}
