// Values the databases cannot store, refused with a 400 naming the field before any handler runs
// (request-input.ts applies these to every admin route's query and JSON body):
//   - a NUL character: PostgreSQL's text type cannot hold U+0000 (SQLite can, so the two would differ);
//   - an unpaired UTF-16 surrogate ("\ud800" in JSON): not Unicode, so it has no UTF-8 encoding and
//     both databases' drivers fail on it;
//   - a date outside the years 1970–2999: year 10000 cannot be written as an ISO date at all, and
//     far-away years only ever come from typos or probes ("to=9999-12-31" plus the day it includes).
// The walks are iterative, so a deeply nested body cannot overflow the stack here.
import { BadRequestError } from "./errors";

/** A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const UNSTORABLE_CHARACTER = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const EARLIEST_DATE = new Date("1970-01-01T00:00:00Z");
/** One day past 2999-12-31: a whole-day `to` (resolved to the next midnight) and time zones east of UTC fit. */
export const LATEST_DATE = new Date("3000-01-02T00:00:00Z");

type Pending = { value: unknown; path: string };

function join(path: string, key: string | number): string {
  return path === "" ? String(key) : `${path}.${key}`;
}

/** Pushes the children of an object or array, last first, so they are visited in order (the first bad field is named). */
function pushChildren(stack: Pending[], value: unknown, path: string): void {
  if (Array.isArray(value)) {
    for (let index = value.length - 1; index >= 0; index--) stack.push({ value: value[index], path: join(path, index) });
  } else if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    const entries = Object.entries(value);
    for (let index = entries.length - 1; index >= 0; index--) stack.push({ value: entries[index][1], path: join(path, entries[index][0]) });
  }
}

function textProblem(text: string): string | null {
  const match = UNSTORABLE_CHARACTER.exec(text);
  if (!match) return null;
  return match[0] === "\0"
    ? "contains a NUL character (U+0000), which cannot be stored"
    : `contains an unpaired UTF-16 surrogate (U+${match[0].charCodeAt(0).toString(16).toUpperCase()}), which is not valid Unicode`;
}

function invalidText(path: string, problem: string): BadRequestError {
  return new BadRequestError(path ? `${path}: ${problem}.` : `The request ${problem}.`, path || null, "invalid_text");
}

/** Throws a 400 naming the first string (value or property name) that cannot be stored. */
export function assertStorableText(input: unknown): void {
  const stack: Pending[] = [{ value: input, path: "" }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      const problem = textProblem(value);
      if (problem) throw invalidText(path, problem);
      continue;
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const key of Object.keys(value)) {
        const problem = textProblem(key);
        if (problem) throw invalidText(path, `has a property name that ${problem}`);
      }
    }
    pushChildren(stack, value, path);
  }
}

/** Throws a 400 naming the field when `date` is invalid or outside 1970-01-01 … 2999-12-31. */
export function assertDateInRange(date: Date, field: string): void {
  const time = date.getTime();
  if (Number.isNaN(time) || time < EARLIEST_DATE.getTime() || time > LATEST_DATE.getTime()) {
    throw new BadRequestError(`${field}: must be a date between 1970-01-01 and 2999-12-31.`, field, "date_out_of_range");
  }
}

/** Checks every Date in a parsed (zod output) query or body, naming its path. */
export function assertDatesInRange(parsed: unknown): void {
  const stack: Pending[] = [{ value: parsed, path: "" }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value instanceof Date) assertDateInRange(value, path || "date");
    else pushChildren(stack, value, path);
  }
}
