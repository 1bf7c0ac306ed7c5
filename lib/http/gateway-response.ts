// What a proxy handler answers, independent of the transport (the counterpart of GatewayRequest).
// The fast path writes it straight to node:http: a Web `Response` would cost a ReadableStream, a
// Headers object and a reader per call (about a tenth of the proxy's allocations at 500 req/s,
// which is garbage-collection pauses in the p99), and a stream a promise and a copy per read. The
// Next.js route handlers convert it with toWebResponse.

/**
 * A body produced on demand, as fast as the client reads: `next()` gives the next piece of text
 * ("" = nothing this time, keep pulling) or null at the end; `cancel()` = the client went away.
 */
export interface PullBody {
  next(): Promise<string | null>;
  cancel(): Promise<void>;
}

export interface GatewayResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON (or any text) whole, or a stream (SSE) */
  body: string | PullBody;
}

/** `json` is already serialized (an error body, an upstream's own bytes). */
export function jsonTextResponse(status: number, json: string, headers: Record<string, string>): GatewayResponse {
  return { status, headers: { "content-type": "application/json", ...headers }, body: json };
}

export function jsonGatewayResponse(status: number, body: unknown, headers: Record<string, string>): GatewayResponse {
  return jsonTextResponse(status, JSON.stringify(body), headers);
}

const encoder = new TextEncoder();

function toReadableStream(body: PullBody): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // Pull until there is something to hand over: an empty piece must not end the pull with
        // nothing enqueued, or the stream would wait for a read that already happened.
        for (;;) {
          const piece = await body.next();
          if (piece === null) return controller.close();
          if (piece) return controller.enqueue(encoder.encode(piece));
        }
      },
      cancel: () => body.cancel(),
    },
    { highWaterMark: 0 },
  );
}

export function toWebResponse(response: GatewayResponse): Response {
  const { body } = response;
  return new Response(typeof body === "string" ? body : toReadableStream(body), { status: response.status, headers: response.headers });
}
