// Secret redaction for captured bodies. Applied to the text (JSON, or a stream's events) before it
// is stored, so a key pasted into a prompt, an Authorization header echoed in an answer, or a
// `"password": …` field never reaches the database. Patterns are deliberately broad: a false
// positive costs a debugging session a few characters, a false negative leaks a credential.
export const REDACTED = "[REDACTED]";

const SECRET_VALUES: RegExp[] = [
  // PEM private keys, whole blocks
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  // Authorization-style credentials: "Bearer …", "Basic …"
  /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  // Provider and platform keys: OpenAI/Anthropic (sk-…), Tollgate (tg-…), Google (AIza…), AWS
  // access keys, GitHub and Slack tokens, Stripe-style live/test keys
  /\bsk-[A-Za-z0-9_-]{16,}/g,
  /\btg-[0-9A-Za-z]{20,}/g,
  /\bAIza[0-9A-Za-z_-]{30,}/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  /\b(?:rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/g,
  // JSON Web Tokens
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
];

// A JSON member whose name says it holds a secret: its string value is replaced, whatever it looks
// like. `max_tokens`, `prompt_tokens` and the like are not secrets: only names ending in one of
// these words (after a separator or at the start) match.
const SECRET_MEMBER =
  /("(?:[A-Za-z0-9]*[_-])?(?:api[_-]?key|apikey|secret|client[_-]?secret|password|passwd|authorization|access[_-]?token|refresh[_-]?token|id[_-]?token|auth[_-]?token|session[_-]?token|private[_-]?key|credentials?)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

export function redactSecrets(text: string): string {
  let out = text.replace(SECRET_MEMBER, `$1"${REDACTED}"`);
  for (const pattern of SECRET_VALUES) out = out.replace(pattern, REDACTED);
  return out;
}
