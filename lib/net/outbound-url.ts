// The check a provider's base URL or an alert webhook's URL passes when it is saved: its host must not
// be an address address-policy.ts refuses, nor a name that always means the cloud metadata service.
// Names are not resolved here (DNS can change after saving); guarded-lookup.ts checks every address
// again when a connection is made.
import { isIP } from "node:net";
import { env } from "../env";
import { BadRequestError } from "../http/errors";
import { addressRefusal } from "./address-policy";

/** Host names of metadata services (they resolve to link-local addresses, refused at connect time too). */
const METADATA_HOSTS = new Set(["metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal"]);

function bareHost(url: URL): string {
  // URL keeps IPv6 literals in brackets and a fully qualified name's trailing dot.
  return url.hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "").toLowerCase();
}

/** Why this URL may not be used as an outbound target, or null when it may. */
export function outboundUrlRefusal(url: string, blockPrivateNetworks: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "is not a valid URL";
  }
  const host = bareHost(parsed);
  if (isIP(host)) {
    const refusal = addressRefusal(host, blockPrivateNetworks);
    return refusal ? `points at ${refusal}` : null;
  }
  if (METADATA_HOSTS.has(host)) return `points at ${host}, a cloud metadata service`;
  if (blockPrivateNetworks && (host === "localhost" || host.endsWith(".localhost"))) {
    return `points at ${host}, a loopback name, refused because TOLLGATE_BLOCK_PRIVATE_NETWORKS is on`;
  }
  return null;
}

/** Throws a 400 naming `field` when the URL may not be used (the current TOLLGATE_BLOCK_PRIVATE_NETWORKS applies). */
export function assertOutboundUrl(url: string, field: string): void {
  const refusal = outboundUrlRefusal(url, env().TOLLGATE_BLOCK_PRIVATE_NETWORKS);
  if (refusal) throw new BadRequestError(`${field}: ${refusal}.`, field, "url_not_allowed");
}
