// Where a provider's stored API key is sent: the origin (scheme, host, port) of its base URL, or the
// official API of its kind when it has none. A change that moves the key to another origin must come
// with the key to use there: otherwise whoever may edit a provider could point it at a server they
// control and receive the stored credential with the next call.
import { BadRequestError } from "../http/errors";

function credentialOrigin(kind: string, baseUrl: string | null): string {
  // Without a base URL the adapter calls the kind's official API; the kind names it well enough.
  return baseUrl === null ? `default:${kind}` : new URL(baseUrl).origin;
}

/** Throws a 400 naming `apiKey` when the change sends the stored key to another origin and brings no new key. */
export function assertCredentialStays(options: {
  before: { kind: string; baseUrl: string | null };
  after: { kind: string; baseUrl: string | null };
  newApiKey: boolean;
}): void {
  if (options.newApiKey) return;
  const from = credentialOrigin(options.before.kind, options.before.baseUrl);
  const to = credentialOrigin(options.after.kind, options.after.baseUrl);
  if (from === to) return;
  const where = (origin: string) => (origin.startsWith("default:") ? `the official ${origin.slice(8)} API` : origin);
  throw new BadRequestError(
    `apiKey: required when the provider moves from ${where(from)} to ${where(to)}; the stored key is only sent where it was entered for.`,
    "apiKey",
    "api_key_required",
  );
}
