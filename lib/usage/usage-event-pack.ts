// A chunk of usage events packed for the SQLite usage thread: a few flat arrays instead of one object
// per event. postMessage's structured clone writes every property name of every object and every
// string again; packed, the chunk's distinct strings go once (a key, a model, an org repeat in most
// records) and the numbers as typed arrays, so the main thread's share of handing a chunk over
// drops to a few Map lookups per record. The thread unpacks them into UsageEvents
// (sqlite-usage-thread.ts). Every field of UsageEvent must be listed below: tsc checks it.
import type { AttemptLine } from "./deployment-stats";
import type { UsageEvent } from "./usage-event";

const STRING_FIELDS = [
  "requestId", "orgId", "keyId", "userId", "teamId", "model", "providerId", "providerKind", "providerName", "upstreamModel",
  "errorType", "endpoint", "cache", "refusal", "batchId", "deploymentId", "fallbackModel", "router",
] as const satisfies readonly (keyof UsageEvent)[];
/** nullable numbers (null when absent) */
const NULLABLE_NUMBERS = ["ttftMs", "upstreamMs"] as const satisfies readonly (keyof UsageEvent)[];
/** numbers, optional ones undefined when absent */
const NUMBER_FIELDS = ["inputTokens", "outputTokens", "cachedTokens", "cacheWriteTokens", "latencyMs", "status", "attempts", "tokensSaved"] as const satisfies readonly (keyof UsageEvent)[];
/** the fields packed one by one below */
type OtherField = "streamed" | "estimated" | "createdAt" | "costMicros" | "costSavedMicros" | "attemptLog";

type Covered = (typeof STRING_FIELDS)[number] | (typeof NULLABLE_NUMBERS)[number] | (typeof NUMBER_FIELDS)[number] | OtherField;
/** A field added to UsageEvent and not to the lists above fails to compile here. */
const EVERY_FIELD_PACKED: [Exclude<keyof UsageEvent, Covered>] extends [never] ? true : never = true;
void EVERY_FIELD_PACKED;

const NULL = -1;
const UNDEFINED = -2;
/** numbers per event: NUMBER_FIELDS, NULLABLE_NUMBERS, createdAt, streamed, estimated */
const NUMBERS = NUMBER_FIELDS.length + NULLABLE_NUMBERS.length + 3;

export interface PackedUsageEvents {
  count: number;
  /** the chunk's distinct strings */
  strings: string[];
  /** count × STRING_FIELDS.length indexes into strings; -1 = null, -2 = undefined */
  refs: Int32Array<ArrayBuffer>;
  /** count × NUMBERS; NaN = absent */
  numbers: Float64Array<ArrayBuffer>;
  /** count × 2: costMicros, costSavedMicros (absent = 0, which is what it means) */
  money: BigInt64Array<ArrayBuffer>;
  /** [index, attempt log] of the events that have one */
  attemptLogs: [number, readonly AttemptLine[]][];
}

export function packUsageEvents(events: readonly UsageEvent[]): PackedUsageEvents {
  const count = events.length;
  const strings: string[] = [];
  const index = new Map<string, number>();
  const refs = new Int32Array(count * STRING_FIELDS.length);
  const numbers = new Float64Array(count * NUMBERS);
  const money = new BigInt64Array(count * 2);
  const attemptLogs: [number, readonly AttemptLine[]][] = [];
  let r = 0;
  let n = 0;
  for (let i = 0; i < count; i++) {
    const e = events[i];
    for (const field of STRING_FIELDS) {
      const value = e[field];
      if (value === null) refs[r++] = NULL;
      else if (value === undefined) refs[r++] = UNDEFINED;
      else {
        let at = index.get(value);
        if (at === undefined) {
          at = strings.push(value) - 1;
          index.set(value, at);
        }
        refs[r++] = at;
      }
    }
    for (const field of NUMBER_FIELDS) numbers[n++] = e[field] ?? NaN;
    for (const field of NULLABLE_NUMBERS) numbers[n++] = e[field] ?? NaN;
    numbers[n++] = e.createdAt.getTime();
    numbers[n++] = e.streamed ? 1 : 0;
    numbers[n++] = e.estimated ? 1 : 0;
    money[2 * i] = e.costMicros;
    money[2 * i + 1] = e.costSavedMicros ?? 0n;
    if (e.attemptLog) attemptLogs.push([i, e.attemptLog]);
  }
  return { count, strings, refs, numbers, money, attemptLogs };
}

export function unpackUsageEvents(packed: PackedUsageEvents): UsageEvent[] {
  const { count, strings, refs, numbers, money } = packed;
  const events: UsageEvent[] = [];
  let r = 0;
  let n = 0;
  for (let i = 0; i < count; i++) {
    const e: Record<string, unknown> = {};
    for (const field of STRING_FIELDS) {
      const at = refs[r++];
      e[field] = at === NULL ? null : at === UNDEFINED ? undefined : strings[at];
    }
    for (const field of NUMBER_FIELDS) {
      const value = numbers[n++];
      e[field] = Number.isNaN(value) ? undefined : value;
    }
    for (const field of NULLABLE_NUMBERS) {
      const value = numbers[n++];
      e[field] = Number.isNaN(value) ? null : value;
    }
    e.createdAt = new Date(numbers[n++]);
    e.streamed = numbers[n++] === 1;
    e.estimated = numbers[n++] === 1;
    e.costMicros = money[2 * i];
    e.costSavedMicros = money[2 * i + 1];
    e.attemptLog = null;
    events.push(e as unknown as UsageEvent);
  }
  for (const [i, log] of packed.attemptLogs) events[i].attemptLog = log;
  return events;
}
