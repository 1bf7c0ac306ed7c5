// The upstream slicer's parts (json-slicer.ts) as they are written to the socket: long parts kept
// as they are (a string copied from the request's text is a view of it, and joining would copy it),
// runs of short ones (punctuation, keys, short values) joined.

/**
 * Parts this long or longer stay as they are in nextParts(); shorter neighbours are joined. Copying
 * 1 K characters costs less than a socket write of its own.
 */
const KEPT_PART_CHARS = 1024;

/** `parts` with every run of neighbours shorter than KEPT_PART_CHARS joined into one string. */
export function joinShortRuns(parts: readonly string[]): string[] {
  const out: string[] = [];
  let runStart = -1;
  for (let index = 0; index <= parts.length; index++) {
    const short = index < parts.length && parts[index].length < KEPT_PART_CHARS;
    if (short) {
      if (runStart === -1) runStart = index;
      continue;
    }
    if (runStart !== -1) {
      out.push(index - runStart === 1 ? parts[runStart] : parts.slice(runStart, index).join(""));
      runStart = -1;
    }
    if (index < parts.length) out.push(parts[index]);
  }
  return out;
}
