// Reads a Web Request's JSON body with a size limit, before any parsing work is spent on it.
import { PayloadTooLargeError } from "../http/errors";
import { heavyTurn } from "../json/heavy-turns";
import { BodyText } from "./transport/body-text";
import { PARSE_IN_OWN_TURN_BYTES, checkDeclaredLength, emptyBodyError, parseJsonText, parseLargeJsonText } from "./transport/json-body";

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
  if (size <= PARSE_IN_OWN_TURN_BYTES) return parseJsonText(body.text());
  // A large body: its text, its parse and what the pipeline does next are heavy steps of their own,
  // each in a turn of the event loop with no other call's heavy step (heavy-turns.ts).
  await heavyTurn();
  const text = body.text();
  await heavyTurn();
  const parsed = await parseLargeJsonText(text);
  await heavyTurn();
  return parsed;
}
