// The caller's W3C `traceparent` header (https://www.w3.org/TR/trace-context/#traceparent-header),
// read the way OpenTelemetry's W3CTraceContextPropagator reads it: `version-traceid-parentid-flags`
// in lower-case hex, version ff invalid, version 00 with nothing after the flags, ids not all zeros.
// An invalid header is ignored (the call starts a trace of its own).

const HEADER = /^\s?([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?\s?$/;

export const NO_PARENT = -1;
export const NOT_SAMPLED = 0;
export const SAMPLED = 1;

/**
 * Reads `header` into `ids` (the trace id's four 32-bit words, then the parent span id's two) and
 * says whether the caller sampled the trace; NO_PARENT when there is no valid header.
 */
export function readTraceparent(header: string | null, ids: Uint32Array): typeof NO_PARENT | typeof NOT_SAMPLED | typeof SAMPLED {
  if (header === null) return NO_PARENT;
  const match = HEADER.exec(header);
  if (!match) return NO_PARENT;
  const [, version, traceId, parentId, flags, rest] = match;
  if (version === "ff" || (version === "00" && rest !== undefined)) return NO_PARENT;
  for (let i = 0; i < 4; i += 1) ids[i] = parseInt(traceId.slice(i * 8, i * 8 + 8), 16);
  ids[4] = parseInt(parentId.slice(0, 8), 16);
  ids[5] = parseInt(parentId.slice(8), 16);
  if ((ids[0] | ids[1] | ids[2] | ids[3]) === 0 || (ids[4] | ids[5]) === 0) return NO_PARENT;
  return parseInt(flags, 16) & 1 ? SAMPLED : NOT_SAMPLED;
}

/** The caller's `tracestate`, kept on the trace's spans when it is within the specification's 512 characters. */
export function readTracestate(header: string | null): string | null {
  if (header === null) return null;
  const value = header.trim();
  return value !== "" && value.length <= 512 ? value : null;
}
