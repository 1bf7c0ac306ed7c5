// A bounded guess at how long a value's JSON text is, so a caller can tell a small body (serialized
// with one JSON.stringify call) from a large one (serialized in slices, lib/json/json-slicer.ts)
// without doing the work it wants to avoid. It stops as soon as the guess passes `limit`, so asking
// about a 4 MB body costs no more than asking about a `limit`-sized one; a chat call's body is a few
// dozen values (well under a microsecond).

const NUMBER_CHARS = 8;
/** Anything that is not plain JSON data (a toJSON method, a boxed primitive…): what it turns into is not looked at. */
const OTHER_CHARS = 16;

function sizeUpTo(value: unknown, limit: number, sum: number): number {
  switch (typeof value) {
    case "string":
      // Escapes are not counted: a string of control characters grows up to six times, which only
      // makes a slice or a subtree that many times larger than planned.
      return sum + value.length + 2;
    case "number":
      return sum + NUMBER_CHARS;
    case "boolean":
      return sum + 5;
    case "object":
      break;
    default:
      return sum + OTHER_CHARS;
  }
  if (value === null) return sum + 4;
  sum += 2;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length && sum <= limit; index++) sum = sizeUpTo(value[index], limit, sum + 1);
    return sum;
  }
  for (const key in value) {
    if (sum > limit) return sum;
    sum = sizeUpTo((value as Record<string, unknown>)[key], limit, sum + key.length + 4);
  }
  return sum;
}

/** About the length of `value`'s JSON text (escapes not counted), or any number above `limit` once it is clear it is longer. */
export function jsonSizeUpTo(value: unknown, limit: number): number {
  return sizeUpTo(value, limit, 0);
}
