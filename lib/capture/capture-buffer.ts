// Captured bodies leave the request path like usage records: a synchronous push into a bounded
// buffer, written in batches. Unlike usage, this is debugging data: when the buffer is full the
// newest capture is dropped (counted in the log) rather than holding memory without bound, and a
// failed write is logged and dropped, not retried forever.
import { db } from "../db";
import { logger } from "../logger";

export interface CapturedCall {
  requestId: string;
  orgId: string;
  keyId: string | null;
  teamId: string | null;
  request: string;
  response: string | null;
  truncated: boolean;
  createdAt: Date;
  expiresAt: Date;
}

const MAX_PENDING = 1_000;
const BATCH = 50;
const FLUSH_EVERY_MS = 1_000;

interface Buffer {
  queue: CapturedCall[];
  dropped: number;
  timer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
}

const slot = globalThis as unknown as { tollgateCaptureBuffer?: Buffer };

function buffer(): Buffer {
  slot.tollgateCaptureBuffer ??= { queue: [], dropped: 0, timer: null, flushing: null };
  return slot.tollgateCaptureBuffer;
}

export function enqueueCapture(call: CapturedCall): void {
  const b = buffer();
  if (b.queue.length >= MAX_PENDING) {
    if (b.dropped++ % 100 === 0) logger().warn({ dropped: b.dropped }, "body capture buffer full; dropping captures until the database catches up");
    return;
  }
  b.queue.push(call);
  if (!b.timer) {
    b.timer = setInterval(() => void flushCaptures(), FLUSH_EVERY_MS);
    b.timer.unref();
  }
  if (b.queue.length >= BATCH) void flushCaptures();
}

async function writeQueue(b: Buffer): Promise<void> {
  while (b.queue.length > 0) {
    const batch = b.queue.splice(0, BATCH);
    try {
      await db().capturedBody.createMany({ data: batch });
    } catch (error) {
      logger().warn({ err: error, lost: batch.length }, "could not store captured bodies; these captures are dropped");
    }
  }
}

/** Writes every capture queued now (concurrent callers share one write). */
export function flushCaptures(): Promise<void> {
  const b = buffer();
  b.flushing ??= writeQueue(b).finally(() => {
    b.flushing = null;
  });
  return b.flushing;
}

/** Before the process exits. */
export async function drainCaptures(): Promise<void> {
  const b = buffer();
  if (b.timer) clearInterval(b.timer);
  b.timer = null;
  await flushCaptures();
}
