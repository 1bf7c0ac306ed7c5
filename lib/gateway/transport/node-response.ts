// Writes a GatewayResponse to a node:http response: a text body in one write, a pull body piece by
// piece as the client reads (honouring backpressure), cancelled (which aborts the upstream call)
// when the client goes away mid-stream.
import { once } from "node:events";
import type { ServerResponse } from "node:http";
import type { GatewayResponse, PullBody } from "../../http/gateway-response";

export async function sendNodeResponse(res: ServerResponse, response: GatewayResponse): Promise<void> {
  const { body } = response;
  if (typeof body === "string") {
    res.writeHead(response.status, { ...response.headers, "content-length": Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  // The headers go out with the first piece, in the same write.
  res.writeHead(response.status, response.headers);
  await pipeBody(res, body);
}

async function pipeBody(res: ServerResponse, body: PullBody): Promise<void> {
  // Pieces that are ready within one turn of the event loop (on a fast upstream: the headers, the
  // events of one read, [DONE] and the chunked terminator) leave in one write: corked until the turn
  // ends. Each socket write on loopback had been about a sixth of a streamed call's CPU.
  let corked = false;
  const uncork = () => {
    corked = false;
    res.uncork();
  };
  let cancelled = false;
  const cancel = () => {
    if (cancelled) return;
    cancelled = true;
    void body.cancel().catch(() => {});
  };
  const onClose = () => {
    if (!res.writableFinished) cancel();
  };
  res.once("close", onClose);
  try {
    for (;;) {
      const piece = await body.next();
      if (piece === null) break;
      if (res.destroyed) return cancel();
      if (!piece) continue;
      if (!corked) {
        corked = true;
        res.cork();
        setImmediate(uncork);
      }
      if (!res.write(piece)) await Promise.race([once(res, "drain"), once(res, "close")]);
    }
  } catch {
    // The body failed after the headers went out: nothing better to do than cut the connection.
    res.destroy();
    return;
  } finally {
    res.off("close", onClose);
  }
  if (!res.destroyed) res.end();
}
