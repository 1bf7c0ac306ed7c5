// Reads a JSON request body with a size limit, before any parsing work is spent on it.
import { BadRequestError, PayloadTooLargeError } from "../http/errors";

export async function readJsonBody(request: Request, limitBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limitBytes) throw new PayloadTooLargeError(limitBytes);
  if (!request.body) throw new BadRequestError("Request body is empty; send a JSON object.", null, "empty_body");

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      void reader.cancel();
      throw new PayloadTooLargeError(limitBytes);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw new BadRequestError("Request body is empty; send a JSON object.", null, "empty_body");
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError("Request body is not valid JSON.", null, "invalid_json");
  }
}
