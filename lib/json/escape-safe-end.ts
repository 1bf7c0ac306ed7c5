// Where a piece of a JSON string literal's body may end: never inside an escape sequence or between
// the two halves of a surrogate pair. Shared by the upstream slicer (json-slicer.ts), which copies a
// long string from the client's text a piece at a time, and by the large-body parser
// (long-string-json.ts), which decodes an escaped long string a piece at a time.

const BACKSLASH = 92;

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * The end, at or before `end`, of a piece of a JSON string literal's body that starts at `start` (at
 * an escape boundary) and does not cut an escape sequence (`\n`, `\uXXXX`) or a surrogate pair.
 */
export function escapeSafeEnd(source: string, start: number, end: number): number {
  // The last backslash that starts an escape before `end`: in a run of backslashes, the odd ones do.
  let runEnd = end;
  while (runEnd > start && runEnd > end - 6 && source.charCodeAt(runEnd - 1) !== BACKSLASH) runEnd--;
  if (runEnd > start && source.charCodeAt(runEnd - 1) === BACKSLASH) {
    let runStart = runEnd - 1;
    while (runStart > start && source.charCodeAt(runStart - 1) === BACKSLASH) runStart--;
    const run = runEnd - runStart;
    // An odd run: its last backslash starts an escape at runEnd - 1 (2 characters, or 6 for \uXXXX).
    if (run % 2 === 1) {
      const escapeStart = runEnd - 1;
      const length = source.charCodeAt(escapeStart + 1) === 117 /* u */ ? 6 : 2;
      if (escapeStart + length > end) end = escapeStart;
    }
  }
  if (end > start && end < source.length && isHighSurrogate(source.charCodeAt(end - 1))) end -= 1;
  return end;
}
