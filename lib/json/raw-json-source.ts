// The JSON text a value was parsed from, carried beside the value so that its long strings can be
// written upstream as the client wrote them instead of escaped again (json-slicer.ts): a 4 MB prompt's
// JSON.stringify was most of the proxy's own work for a large call
// (docs/decisions/016-upstream-bodies-serialized-in-slices.md, "Long strings copied from the request").
//
// The source is only a hint. The slicer never trusts it: every piece it copies is checked to decode
// to exactly the value's next characters (JSON.parse of the piece), so a wrong or stale source, or
// one where the text occurs twice (a duplicate key), costs a fallback to escaping, never a body
// that differs from what was validated, reserved and billed.
//
// A symbol-keyed property: JSON.stringify, Object.keys and structured clones ignore it, and object
// spread (`{ ...request, model }`, how the adapters build upstream bodies) carries it along. From the
// global registry: a second copy of this module (the Next.js build may hold several) must see it too.
const RAW_JSON_SOURCE = Symbol.for("tollgate.rawJsonSource");

type WithSource = { [RAW_JSON_SOURCE]?: string };

/** `value` (returned) now carries `text`, the JSON it was parsed from (or a document containing its strings). */
export function withRawJsonSource<T extends object>(value: T, text: string | undefined): T {
  if (text !== undefined) (value as WithSource)[RAW_JSON_SOURCE] = text;
  return value;
}

/** The JSON text `value` was parsed from, if it carries one. */
export function rawJsonSourceOf(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const text = (value as WithSource)[RAW_JSON_SOURCE];
  return typeof text === "string" ? text : undefined;
}
