// The one reader of decrypted provider credentials, for the gateway's upstream calls. Never used by
// an admin route: the API only ever reports `hasApiKey`.
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
