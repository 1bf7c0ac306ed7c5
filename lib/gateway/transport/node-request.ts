// Adapter for the fast path: a node:http request as a GatewayRequest, without building a Web
// Request (whose construction and body stream cost more CPU than the rest of the proxy's work).
import { AbortFlag } from "../abort-flag";
import type { IncomingMessage, ServerResponse } from "node:http";
import { PayloadTooLargeError } from "../../http/errors";
import type { GatewayRequest, HeaderReader } from "./gateway-request";
import { checkDeclaredLength, emptyBodyError, parseJsonText } from "./json-body";

function nodeHeaders(req: IncomingMessage): HeaderReader {
  return {
    get(name) {
      const value = req.headers[name];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

function readNodeJson(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  checkDeclaredLength(req.headers["content-length"], limitBytes);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        // Stop reading; the response (413) still goes out and the connection is closed after it.
        req.pause();
        reject(new PayloadTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      if (size === 0) return reject(emptyBodyError());
      try {
        resolve(parseJsonText(chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8")));
      } catch (error) {
        reject(error);
      }
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("error", onError);
  });
}

export function fromNodeRequest(req: IncomingMessage, res: ServerResponse): GatewayRequest {
  const clientGone = new AbortFlag();
  // "close" before the response finished = the client went away (or the socket broke).
  res.once("close", () => {
    if (!res.writableFinished) clientGone.abort();
  });
  return { headers: nodeHeaders(req), readJson: (limit) => readNodeJson(req, limit), signal: clientGone };
}
