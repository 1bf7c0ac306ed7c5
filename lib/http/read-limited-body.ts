// A console or admin request's body as bytes, refused with a 413 as soon as it is known to be too
// large: the declared Content-Length before a byte is read, the running count while reading. The
// console's boundary (scripts/console-forwarder.mjs) enforces the same limit before Next.js sees the
// body; this is the same rule where the body is actually read, so `npm run dev`, chunked bodies and
// the route tests get it too.
import { env } from "../env";
import { PayloadTooLargeError } from "./errors";

export function consoleBodyLimit(): number {
  return env().CONSOLE_MAX_BODY_BYTES;
}

export async function readLimitedBody(request: Request, limitBytes: number = consoleBodyLimit()): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limitBytes) throw new PayloadTooLargeError(limitBytes);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      void reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(limitBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export async function readLimitedText(request: Request, limitBytes?: number): Promise<string> {
  return (await readLimitedBody(request, limitBytes)).toString("utf8");
}
