// The JSON body of an upstream request. A small one is one JSON.stringify call, as always (a chat
// call's body takes about a microsecond). A large one (a multi-megabyte prompt, a long conversation,
// a big embeddings batch) is serialized and encoded a slice at a time when the call is sent, with the
// event loop free between turns: one JSON.stringify of a 4 MB prompt and its UTF-8 encoding had held
// every other call for 12 ms (docs/decisions/016-upstream-bodies-serialized-in-slices.md).
import { encodeJsonInTurns, type EncodedJson } from "../../json/encode-json-in-turns";
import { jsonSizeUpTo } from "../../json/json-size";
import type { AbortSignalLike } from "../../abort/abort-flag";

/** Past about this many characters of JSON a body is serialized in turns; below, JSON.stringify takes at most ~0.3 ms. */
export const LARGE_JSON_BODY_CHARS = 64 * 1024;

/** A body serialized only when the call is sent (sendUpstream), so that a client gone by then costs nothing. */
export class LargeJsonBody {
  constructor(private readonly value: object) {}

  /** The UTF-8 JSON in pieces with its length; rejects with the signal's reason once it is aborted. */
  encode(signal: AbortSignalLike): Promise<EncodedJson> {
    return encodeJsonInTurns(this.value, { signal });
  }
}

export type UpstreamBody = string | LargeJsonBody;

/**
 * `value` as an upstream request body. It is read when the call is sent, so the caller must not
 * change it in the meantime (the adapters build a fresh object per call).
 */
export function jsonRequestBody(value: object): UpstreamBody {
  return jsonSizeUpTo(value, LARGE_JSON_BODY_CHARS) > LARGE_JSON_BODY_CHARS ? new LargeJsonBody(value) : JSON.stringify(value);
}
