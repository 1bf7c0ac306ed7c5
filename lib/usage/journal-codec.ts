// One usage event per line of the journal (journal.ts): JSON, with bigints as {"$bigint":"…"} (the
// money fields) and createdAt as an ISO string, so a replayed event is the very event that was
// journaled (usage-recorder.test.ts checks the same for the host bridge's structured clone).
import type { UsageEvent } from "./usage-event";

const replacer = (_key: string, value: unknown) => (typeof value === "bigint" ? { $bigint: value.toString() } : value);

function reviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === "object" && "$bigint" in value) {
    const text = (value as { $bigint: unknown }).$bigint;
    if (typeof text === "string" && /^-?\d+$/.test(text)) return BigInt(text);
  }
  return value;
}

export function encodeJournalLine(event: UsageEvent): string {
  return JSON.stringify(event, replacer) + "\n";
}

/** The event of one line, or null for a line that is not one (a write torn by a crash). */
export function decodeJournalLine(line: string): UsageEvent | null {
  if (line.trim() === "") return null;
  try {
    const value = JSON.parse(line, reviver) as Record<string, unknown>;
    if (typeof value.requestId !== "string" || typeof value.createdAt !== "string" || typeof value.costMicros !== "bigint") return null;
    const createdAt = new Date(value.createdAt);
    if (Number.isNaN(createdAt.getTime())) return null;
    return { ...(value as unknown as UsageEvent), createdAt };
  } catch {
    return null;
  }
}
