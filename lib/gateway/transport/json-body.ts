// The rules every transport applies to a JSON request body: the declared size is checked before a
// byte is read, the running size while reading, and empty or malformed bodies get a 400.
import { BadRequestError, PayloadTooLargeError } from "../../http/errors";
import { heavyTurn } from "../../json/heavy-turns";
import { parseJsonWithLongStrings } from "../../json/long-string-json";

/**
 * Past this size a body's text is parsed in a turn of the event loop of its own, and the pipeline
 * goes on in the next: joining 4 MB of decoded pieces, parsing them and what follows (validation, a
 * large prompt's hand-off to a counting thread: 1–2 ms) must not hold the loop together.
 */
export const PARSE_IN_OWN_TURN_BYTES = 1024 * 1024;

export function checkDeclaredLength(contentLength: string | null | undefined, limitBytes: number): void {
  const declared = Number(contentLength ?? "NaN");
  if (Number.isFinite(declared) && declared > limitBytes) throw new PayloadTooLargeError(limitBytes);
}

export function emptyBodyError(): BadRequestError {
  return new BadRequestError("Request body is empty; send a JSON object.", null, "empty_body");
}

function invalidJsonError(): BadRequestError {
  return new BadRequestError("Request body is not valid JSON.", null, "invalid_json");
}

export function parseJsonText(text: string): unknown {
  if (text.trim() === "") throw emptyBodyError();
  try {
    return JSON.parse(text);
  } catch {
    throw invalidJsonError();
  }
}

/**
 * A large body's parse, begun in the caller's heavy turn and continued in heavy turns of its own:
 * its long plain strings are slices of the text, not copies into fresh memory, and an escaped long
 * string is parsed in a turn of its own (lib/json/long-string-json.ts).
 */
export async function parseLargeJsonText(text: string): Promise<unknown> {
  if (text.trim() === "") throw emptyBodyError();
  try {
    return await parseJsonWithLongStrings(text, heavyTurn);
  } catch {
    throw invalidJsonError();
  }
}
