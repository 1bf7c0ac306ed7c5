// The read loop of a request body on node streams, shared by the proxy's fast path
// (node-request.ts) and the Batch API's JSON bodies (lib/files/read-upload.ts): the running size is
// checked against the limit on every network read (past it: stop reading, a 413), the text decoded
// in batches as it arrives (body-text.ts), and a body cut off mid-way (an "error" or a "close" before
// its end: the client went away or the server cut it, HTTP_REQUEST_TIMEOUT_MS) settles as a 408.
// The caller applies its transport's rules to the outcome: closing the connection after a refused
// body, the empty-body and JSON errors (json-body.ts).
import type { Readable } from "node:stream";
import { HttpError, PayloadTooLargeError } from "../../http/errors";
import { BodyText } from "./body-text";
import { inHeavyTurn } from "../../json/heavy-turns";
import { PARSE_IN_OWN_TURN_BYTES } from "./json-body";

/** The client stopped sending mid-body: it went away, or the server cut it (HTTP_REQUEST_TIMEOUT_MS). */
export function bodyCutOffError(): HttpError {
  return new HttpError(408, "The request body ended before it was complete.", "invalid_request_error", "incomplete_body");
}

/**
 * Reads `source` to its end: `done(null, text, size)`, or `done(error)` with a PayloadTooLargeError
 * (the source is paused, the rest of the body unread) or the 408 of a body cut off.
 */
export function readBodyText(source: Readable, limitBytes: number, done: (error: HttpError | null, text: string, size: number) => void): void {
  const body = new BodyText();
  let size = 0;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > limitBytes) {
      cleanup();
      // Stop reading: the 413 goes out and the connection is closed after it.
      source.pause();
      done(new PayloadTooLargeError(limitBytes), "", size);
      return;
    }
    body.add(chunk);
  };
  const onEnd = () => {
    cleanup();
    // A large body's text (a copy of megabytes, and their first touch) is a heavy step of its own,
    // not added to the network read that brought its last piece (heavy-turns.ts).
    if (size > PARSE_IN_OWN_TURN_BYTES) inHeavyTurn(() => done(null, body.text(), size));
    else done(null, size === 0 ? "" : body.text(), size);
  };
  const onError = () => {
    cleanup();
    done(bodyCutOffError(), "", size);
  };
  const cleanup = () => {
    source.off("data", onData);
    source.off("end", onEnd);
    source.off("error", onError);
    source.off("close", onError);
  };
  source.on("data", onData);
  source.once("end", onEnd);
  // A request cut off mid-body closes (with or without an "error"): either settles the read.
  source.once("error", onError);
  source.once("close", onError);
}
