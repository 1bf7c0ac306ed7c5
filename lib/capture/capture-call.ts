// Body capture on the proxy (off unless an admin turned it on for the caller's key or team): the
// request as the client sent it and the answer as the client got it (JSON, or a stream's events),
// each cut at CAPTURE_MAX_BODY_BYTES and redacted, then pushed into the capture buffer. A stream is
// observed as it is pulled (the text the client reads, up to the cap), never buffered before the
// client gets it. With capture off the call pays one map lookup.
import type { GatewayResponse, PullBody } from "../http/gateway-response";
import { enqueueCapture } from "./capture-buffer";
import { captureRules, type CaptureTable, type CaptureTarget } from "./capture-rules";
import { redactSecrets } from "./redact";
import { startCaptureSweeper } from "./capture-sweeper";

export const CAPTURE_MAX_BODY_BYTES = 64 * 1024;

/** Cuts text at the cap (in UTF-16 units, which bounds the bytes at 3x for any text). */
function capped(text: string): { text: string; cut: boolean } {
  return text.length > CAPTURE_MAX_BODY_BYTES ? { text: text.slice(0, CAPTURE_MAX_BODY_BYTES), cut: true } : { text, cut: false };
}

export interface CaptureTicket {
  /** Observes the response and stores both bodies when it is complete; returns the response to send. */
  capture(response: GatewayResponse): GatewayResponse;
}

/** A ticket when capture is on for this caller, else null; without an await once the rules are loaded. */
export function captureFor(target: CaptureTarget & { requestId: string }, requestBody: unknown): CaptureTicket | null | Promise<CaptureTicket | null> {
  const table = captureRules().current();
  return table instanceof Promise ? table.then((loaded) => ticketFor(loaded, target, requestBody)) : ticketFor(table, target, requestBody);
}

function ticketFor(table: CaptureTable, target: CaptureTarget & { requestId: string }, requestBody: unknown): CaptureTicket | null {
  startCaptureSweeper();
  const hours = table.retentionFor(target);
  if (hours === null) return null;
  const createdAt = new Date();
  const request = capped(JSON.stringify(requestBody) ?? "");
  const store = (response: string | null, cut: boolean) =>
    enqueueCapture({
      requestId: target.requestId, orgId: target.orgId, keyId: target.keyId, teamId: target.teamId,
      request: redactSecrets(request.text), response: response === null ? null : redactSecrets(response),
      truncated: request.cut || cut, createdAt, expiresAt: new Date(createdAt.getTime() + hours * 3_600_000),
    });
  return {
    capture(response) {
      if (typeof response.body === "string") {
        const body = capped(response.body);
        store(body.text, body.cut);
        return response;
      }
      return { ...response, body: observed(response.body, store) };
    },
  };
}

/** The stream as the client pulls it, its text kept up to the cap; stored at its end or when the client leaves. */
function observed(body: PullBody, store: (text: string, cut: boolean) => void): PullBody {
  const pieces: string[] = [];
  let kept = 0;
  let cut = false;
  let stored = false;
  const finish = () => {
    if (stored) return;
    stored = true;
    store(pieces.join(""), cut);
  };
  return {
    async next() {
      const piece = await body.next();
      if (piece === null) finish();
      else if (piece && !cut) {
        const room = CAPTURE_MAX_BODY_BYTES - kept;
        if (piece.length > room) {
          pieces.push(piece.slice(0, room));
          cut = true;
        } else pieces.push(piece);
        kept += Math.min(piece.length, room);
      }
      return piece;
    },
    async cancel() {
      finish();
      await body.cancel();
    },
  };
}
