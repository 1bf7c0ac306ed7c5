// Connect-time half of the URL check: the DNS lookup every outbound connection to a provider or a
// webhook goes through. A name that passed the check when it was saved can resolve to a refused
// address later (DNS rebinding, or a record changed on purpose); the connection is refused then,
// before a byte is sent. It runs once per new connection (the gateway's keep-alive pool reuses
// sockets), never per request.
//
// Node calls a socket's `lookup` only for host names; literal IPs skip it, so connectors check those
// with assertOutboundHost first.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { isIP } from "node:net";
import { env } from "../env";
import { addressRefusal } from "./address-policy";

export const OUTBOUND_BLOCKED_CODE = "ERR_OUTBOUND_ADDRESS_BLOCKED";

export class OutboundAddressBlockedError extends Error {
  readonly code = OUTBOUND_BLOCKED_CODE;
  /** `name`: the host name that resolved to the refused address, if the URL did not hold the address itself. */
  constructor(refusal: string, name?: string) {
    super(name ? `Refused to connect to ${name}: ${refusal}.` : `Refused to connect: ${refusal}.`);
    this.name = "OutboundAddressBlockedError";
  }
}

/** Every address a name resolves to (what dns.lookup gives with `all: true`). */
export type Resolver = (hostname: string, family: number) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname, family) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, family: family as 0 | 4 | 6 }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type LookupFunction = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

const blockPrivateNetworks = (): boolean => env().TOLLGATE_BLOCK_PRIVATE_NETWORKS;

/** Throws when `host` is a literal IP address that may not be connected to. Names pass (their lookup checks them). */
export function assertOutboundHost(host: string): void {
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  if (!isIP(bare)) return;
  const refusal = addressRefusal(bare, blockPrivateNetworks());
  if (refusal) throw new OutboundAddressBlockedError(refusal);
}

/**
 * A `lookup` for net.connect / tls.connect / http.request that refuses a name when any of its
 * addresses is refused (one bad record is enough to distrust the name). `resolve` is replaceable so
 * tests can stand in for a DNS server that rebinds.
 */
export function createGuardedLookup(resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, Number(options.family) || 0).then(
      (addresses) => {
        const policy = blockPrivateNetworks();
        for (const { address } of addresses) {
          const refusal = addressRefusal(address, policy);
          if (refusal) return callback(new OutboundAddressBlockedError(refusal, hostname), "");
        }
        if (addresses.length === 0) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: "ENOTFOUND" }), "");
        // With autoSelectFamily (Node's default) the socket asks for every address; otherwise for one.
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };
}

export const guardedLookup: LookupFunction = createGuardedLookup();
