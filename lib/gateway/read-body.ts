// Reads a Web Request's JSON body with a size limit, before any parsing work is spent on it.
import { PayloadTooLargeError } from "../http/errors";
import { setImmediate as nextTurn } from "node:timers/promises";
import { BodyText } from "./transport/body-text";
import { PARSE_IN_OWN_TURN_BYTES, checkDeclaredLength, emptyBodyError, parseJsonText } from "./transport/json-body";

export async function readJsonBody(request: Request, limitBytes: number): Promise<unknown> {
  checkDeclaredLength(request.headers.get("content-length"), limitBytes);
  if (!request.body) throw emptyBodyError();

  const reader = request.body.getReader();
  const body = new BodyText();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      void reader.cancel();
      throw new PayloadTooLargeError(limitBytes);
    }
    body.add(value);
  }
  const text = body.text();
  if (size <= PARSE_IN_OWN_TURN_BYTES) return parseJsonText(text);
  // A large body: the parse has a turn of its own, and what the pipeline does next another.
  await nextTurn();
  const parsed = parseJsonText(text);
  await nextTurn();
  return parsed;
}
