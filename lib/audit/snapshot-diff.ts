// The before/after view of an audit entry as field-by-field rows. Nested objects are flattened to
// dotted paths ("config.region") so a change deep inside shows up as its own row; arrays are
// compared as whole values (key model lists read better as one line than as "models.3").
export type DiffChange = "added" | "removed" | "changed" | "unchanged";

export interface DiffRow {
  path: string;
  before: unknown;
  after: unknown;
  change: DiffChange;
}

const ABSENT = Symbol("absent");
type Value = unknown | typeof ABSENT;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, item] of Object.entries(value)) flatten(item, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  out.set(prefix, value);
}

function fieldsOf(snapshot: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (snapshot === null || snapshot === undefined) return out;
  // A snapshot that is not an object (only possible in a hand-edited row) is shown as one value.
  if (!isPlainObject(snapshot)) out.set("(value)", snapshot);
  else flatten(snapshot, "", out);
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Rows in the order fields first appear (before's order, then fields only after has). */
export function diffSnapshots(before: unknown, after: unknown): DiffRow[] {
  const left = fieldsOf(before);
  const right = fieldsOf(after);
  const paths = [...new Set([...left.keys(), ...right.keys()])];
  return paths.map((path) => {
    const b: Value = left.has(path) ? left.get(path) : ABSENT;
    const a: Value = right.has(path) ? right.get(path) : ABSENT;
    const change: DiffChange = b === ABSENT ? "added" : a === ABSENT ? "removed" : same(a, b) ? "unchanged" : "changed";
    return { path, before: b === ABSENT ? undefined : b, after: a === ABSENT ? undefined : a, change };
  });
}

/** How a value is printed in the diff table; undefined means the field does not exist on that side. */
export function formatDiffValue(value: unknown): string {
  if (value === undefined) return "";
  if (value === null) return "null";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
