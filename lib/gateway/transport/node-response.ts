// Writes a Web Response to a node:http response, honouring backpressure, and cancelling the body
// (which aborts the upstream call) when the client goes away mid-stream.
import { once } from "node:events";
import type { ServerResponse } from "node:http";

export async function sendNodeResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const onClose = () => {
    if (!res.writableFinished) void reader.cancel().catch(() => {});
  };
  res.once("close", onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) break;
      if (!res.write(value)) await Promise.race([once(res, "drain"), once(res, "close")]);
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
