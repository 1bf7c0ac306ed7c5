// Shadow mode's record of would-be semantic hits (CacheShadowHit), written in batches off the
// request path. The console shows the pairs so an admin can judge false hits before turning
// semantic answers on.
import { randomUUID } from "node:crypto";
import { db } from "../db";
import { warnThrottled } from "../quotas/throttled-warning";

export interface ShadowHit {
  orgId: string;
  requestId: string;
  model: string;
  teamId: string | null;
  prompt: string;
  entryId: string;
  cachedPrompt: string;
  similarity: number;
  createdAt: Date;
}

const FLUSH_EVERY_MS = 1000;
const MAX_QUEUED = 5000;
/** Prompts are kept short in this table: enough to judge a pair. */
const MAX_PROMPT_CHARS = 2000;

class ShadowRecorder {
  private queue: ShadowHit[] = [];
  private timer: NodeJS.Timeout | null = null;

  record(hit: ShadowHit): void {
    if (this.queue.length >= MAX_QUEUED) return;
    this.queue.push({ ...hit, prompt: hit.prompt.slice(0, MAX_PROMPT_CHARS), cachedPrompt: hit.cachedPrompt.slice(0, MAX_PROMPT_CHARS) });
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, FLUSH_EVERY_MS);
      this.timer.unref();
    }
  }

  async flush(): Promise<void> {
    const batch = this.queue.splice(0, this.queue.length);
    if (batch.length === 0) return;
    try {
      await db().cacheShadowHit.createMany({ data: batch.map((hit) => ({ id: `csh_${randomUUID().replace(/-/g, "")}`, ...hit })) });
    } catch (error) {
      warnThrottled("cache-shadow", error, "could not record shadow-mode cache matches");
    }
  }
}

const slot = globalThis as unknown as { tollgateShadowRecorder?: ShadowRecorder };

export function shadowRecorder(): ShadowRecorder {
  slot.tollgateShadowRecorder ??= new ShadowRecorder();
  return slot.tollgateShadowRecorder;
}
