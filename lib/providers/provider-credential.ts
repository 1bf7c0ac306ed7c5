// The one reader of decrypted provider credentials, for the gateway's upstream calls and the
// console's "test connection" (which sends it to the provider only). No admin route ever returns it:
// the API only reports `hasApiKey`, and a test's error has the key redacted.
import "server-only";
import type { DbClient } from "../db";
import { db } from "../db";
import { decryptSecret } from "../crypto/secret-box";
import { tollgateSecret } from "../crypto/tollgate-secret";
import { NotFoundError } from "../http/errors";

/** The provider's upstream API key in plaintext. Throws NotFoundError for an unknown provider. */
export async function getProviderCredential(providerId: string, client: DbClient = db()): Promise<string> {
  const row = await client.provider.findUnique({
    where: { id: providerId },
    select: { encryptedApiKey: true },
  });
  if (!row) throw new NotFoundError(`Provider ${providerId} not found.`);
  return decryptSecret(row.encryptedApiKey, tollgateSecret());
}
