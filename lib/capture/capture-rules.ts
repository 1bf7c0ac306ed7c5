// Which keys and teams have body capture on, held in memory so the proxy asks no database per call
// (the same pattern as the quota rules: an admin change broadcasts "capture-changed" on the
// SharedStore and every replica drops its copy; a reload every minute is the safety net).
import { db } from "../db";
import { logger } from "../logger";
import { sharedStore } from "../store";

export const CAPTURE_CHANGED_CHANNEL = "capture-changed";
const REFRESH_EVERY_MS = 60_000;

export interface CaptureTarget {
  orgId: string;
  keyId: string | null;
  teamId: string | null;
}

export class CaptureTable {
  private readonly hours = new Map<string, number>();

  constructor(rows: readonly { orgId: string; scope: string; scopeId: string; retentionHours: number }[]) {
    for (const row of rows) this.hours.set(`${row.orgId} ${row.scope} ${row.scopeId}`, row.retentionHours);
  }

  get size(): number {
    return this.hours.size;
  }

  /** Hours to keep this call's bodies (the longer of its key's and its team's setting); null = capture is off. */
  retentionFor(target: CaptureTarget): number | null {
    if (this.hours.size === 0) return null;
    const byKey = target.keyId ? this.hours.get(`${target.orgId} key ${target.keyId}`) : undefined;
    const byTeam = target.teamId ? this.hours.get(`${target.orgId} team ${target.teamId}`) : undefined;
    if (byKey === undefined && byTeam === undefined) return null;
    return Math.max(byKey ?? 0, byTeam ?? 0);
  }
}

class CaptureRules {
  private table: CaptureTable | null = null;
  private loading: Promise<CaptureTable> | null = null;
  private loadedAt = 0;
  private generation = 0;

  private reload(): Promise<CaptureTable> {
    this.loading ??= (async () => {
      for (;;) {
        const generation = this.generation;
        const rows = await db().captureSetting.findMany({ select: { orgId: true, scope: true, scopeId: true, retentionHours: true } });
        if (generation !== this.generation) continue;
        this.table = new CaptureTable(rows);
        this.loadedAt = Date.now();
        return this.table;
      }
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** The table, synchronously once loaded (the warm path); a promise only for the first load. */
  current(): CaptureTable | Promise<CaptureTable> {
    if (!this.table) return this.reload();
    if (Date.now() - this.loadedAt > REFRESH_EVERY_MS) {
      void this.reload().catch((error) => logger().warn({ err: error }, "could not refresh body capture settings; keeping the last copy"));
    }
    return this.table;
  }

  invalidate(): void {
    this.generation++;
    this.table = null;
  }
}

const slot = globalThis as unknown as { tollgateCaptureRules?: CaptureRules };

export function captureRules(): CaptureRules {
  if (!slot.tollgateCaptureRules) {
    const rules = new CaptureRules();
    slot.tollgateCaptureRules = rules;
    void sharedStore().subscribe(CAPTURE_CHANGED_CHANNEL, () => rules.invalidate(), () => rules.invalidate());
  }
  return slot.tollgateCaptureRules;
}

/** Tells every replica (this one included) to reload the capture settings. */
export async function publishCaptureChanged(): Promise<void> {
  captureRules().invalidate();
  try {
    await sharedStore().publish(CAPTURE_CHANGED_CHANNEL, "");
  } catch (error) {
    logger().warn({ err: error }, "could not broadcast a body capture change; other replicas pick it up within a minute");
  }
}
