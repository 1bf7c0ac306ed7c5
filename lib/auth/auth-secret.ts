// next-auth signs and encrypts session JWTs with this. NEXTAUTH_SECRET wins; otherwise it is derived
// from the Tollgate secret (env or ./data/secret.key) so a fresh clone signs people in without any
// setup, and sessions survive restarts. The derivation label keeps it distinct from the key that
// encrypts provider credentials.
import { createHmac } from "node:crypto";
import { env } from "../env";
import { tollgateSecret } from "../crypto/tollgate-secret";

export function authSecret(): string {
  return env().NEXTAUTH_SECRET ?? createHmac("sha256", tollgateSecret()).update("tollgate:nextauth:v1").digest("hex");
}
