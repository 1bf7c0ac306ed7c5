// What the delivery log keeps of a receiver's refusal: its status and a short excerpt of its body,
// cleaned so that whatever a receiver sends (a megabyte of HTML, binary, terminal escape sequences,
// a NUL that PostgreSQL cannot store) becomes one bounded line of printable text.

/** Characters kept from a receiver's body. */
export const EXCERPT_CHARS = 200;
/** Bytes read from a receiver's body at most; the rest is not waited for. */
export const EXCERPT_READ_BYTES = 16 * 1024;

// C0 and C1 control characters (tab, newlines and the rest), DEL, and unpaired UTF-16 surrogates.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** One printable line of at most EXCERPT_CHARS characters ("…" marks a cut); "" for an empty body. */
export function responseExcerpt(body: string): string {
  const text = body.replace(CONTROL, " ").replace(/\s+/g, " ").trim();
  if (text.length <= EXCERPT_CHARS) return text;
  let cut = EXCERPT_CHARS - 1;
  // Never split a surrogate pair (an emoji) in two.
  if (/[\uD800-\uDBFF]/.test(text[cut - 1])) cut--;
  return `${text.slice(0, cut)}…`;
}
