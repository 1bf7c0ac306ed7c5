// Adapter for the fast path: a node:http request as a GatewayRequest, without building a Web
// Request (whose construction and body stream cost more CPU than the rest of the proxy's work).
import { AbortFlag } from "../../abort/abort-flag";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { GatewayRequest, HeaderReader } from "./gateway-request";
import { PARSE_IN_OWN_TURN_BYTES, checkDeclaredLength, emptyBodyError, parseJsonText, parseLargeJsonText } from "./json-body";
import { readBodyText } from "./read-body-text";
import { withRawJsonSource } from "../../json/raw-json-source";
import { inHeavyTurn } from "../../json/heavy-turns";

function nodeHeaders(req: IncomingMessage): HeaderReader {
  return {
    get(name) {
      const value = req.headers[name];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/**
 * A refused body is not read to its end, and what is left of it stands between the socket and the
 * client's next request: the answer says `connection: close` (so a pooled client takes a fresh
 * connection next) and node:http closes the socket after it.
 */
function refuseBody(res: ServerResponse, error: Error): Error {
  if (!res.headersSent) res.setHeader("connection", "close");
  return error;
}

function settleParsed(text: string, resolve: (body: unknown) => void, reject: (error: unknown) => void): void {
  try {
    resolve(parseJsonText(text));
  } catch (error) {
    reject(error);
  }
}

/** A large body: the parse is heavy steps of its own (heavy-turns.ts), and what the pipeline does next another. */
function settleParsedInOwnTurn(text: string, resolve: (body: unknown) => void, reject: (error: unknown) => void): void {
  parseLargeJsonText(text).then((body) => {
    // Its long strings can be copied from the text upstream instead of escaped again (json-slicer.ts).
    if (body !== null && typeof body === "object") withRawJsonSource(body, text);
    inHeavyTurn(() => resolve(body));
  }, reject);
}

function readNodeJson(req: IncomingMessage, res: ServerResponse, limitBytes: number): Promise<unknown> {
  try {
    checkDeclaredLength(req.headers["content-length"], limitBytes);
  } catch (error) {
    return Promise.reject(refuseBody(res, error as Error));
  }
  return new Promise((resolve, reject) => {
    readBodyText(req, limitBytes, (error, text, size) => {
      // A 413: the rest of the body stays unread, so the connection closes after the answer.
      if (error) return reject(error.status === 413 ? refuseBody(res, error) : error);
      if (size === 0) return reject(emptyBodyError());
      if (size > PARSE_IN_OWN_TURN_BYTES) inHeavyTurn(() => settleParsedInOwnTurn(text, resolve, reject));
      else settleParsed(text, resolve, reject);
    });
  });
}

export function fromNodeRequest(req: IncomingMessage, res: ServerResponse): GatewayRequest {
  const clientGone = new AbortFlag();
  // "close" before the response finished = the client went away (or the socket broke).
  res.once("close", () => {
    if (!res.writableFinished) clientGone.abort();
  });
  return { headers: nodeHeaders(req), readJson: (limit) => readNodeJson(req, res, limit), signal: clientGone };
}
