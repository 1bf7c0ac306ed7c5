// Which network addresses Tollgate refuses to connect to for provider and webhook URLs.
//
// Always refused, whatever the configuration: nothing legitimate lives there, and the cloud metadata
// service does (it hands out the machine's credentials to anyone who can make it a request):
//   unspecified  0.0.0.0/8, ::          (0.0.0.0 reaches the local machine on Linux)
//   link-local   169.254.0.0/16, fe80::/10 (AWS, GCP and Azure metadata at 169.254.169.254)
//   metadata     fd00:ec2::254 (AWS over IPv6), 100.100.100.200 (Alibaba Cloud)
// Refused only with TOLLGATE_BLOCK_PRIVATE_NETWORKS=true, since local models (Ollama, vLLM) and
// in-cluster receivers are a real use:
//   loopback     127.0.0.0/8, ::1
//   private      10/8, 172.16/12, 192.168/16 (RFC 1918), 100.64/10 (shared/CGNAT), fc00::/7 (unique local)
// IPv4-mapped IPv6 addresses (::ffff:169.254.169.254) match their IPv4 rules (net.BlockList does this).
import { BlockList, isIP } from "node:net";

export type AddressClass = "unspecified" | "link-local" | "metadata" | "loopback" | "private";

function blockList(entries: [string, number | null, "ipv4" | "ipv6"][]): BlockList {
  const list = new BlockList();
  for (const [address, prefix, family] of entries) {
    if (prefix === null) list.addAddress(address, family);
    else list.addSubnet(address, prefix, family);
  }
  return list;
}

const CLASSES: [AddressClass, BlockList][] = [
  ["metadata", blockList([["fd00:ec2::254", null, "ipv6"], ["100.100.100.200", null, "ipv4"], ["169.254.169.254", null, "ipv4"]])],
  ["unspecified", blockList([["0.0.0.0", 8, "ipv4"], ["::", null, "ipv6"]])],
  ["link-local", blockList([["169.254.0.0", 16, "ipv4"], ["fe80::", 10, "ipv6"]])],
  ["loopback", blockList([["127.0.0.0", 8, "ipv4"], ["::1", null, "ipv6"]])],
  [
    "private",
    blockList([
      ["10.0.0.0", 8, "ipv4"],
      ["172.16.0.0", 12, "ipv4"],
      ["192.168.0.0", 16, "ipv4"],
      ["100.64.0.0", 10, "ipv4"],
      ["fc00::", 7, "ipv6"],
    ]),
  ],
];

const ALWAYS_REFUSED: ReadonlySet<AddressClass> = new Set(["unspecified", "link-local", "metadata"]);

/** The special range an IP address is in, or null for an ordinary (public) address or a non-IP. */
export function classifyAddress(address: string): AddressClass | null {
  const version = isIP(address);
  if (version === 0) return null;
  const family = version === 4 ? "ipv4" : "ipv6";
  for (const [addressClass, list] of CLASSES) if (list.check(address, family)) return addressClass;
  return null;
}

const DESCRIPTIONS: Record<AddressClass, string> = {
  unspecified: "an unspecified address (0.0.0.0 or ::)",
  "link-local": "a link-local address (169.254.0.0/16 or fe80::/10), where cloud metadata services live",
  metadata: "a cloud metadata service address",
  loopback: "a loopback address, refused because TOLLGATE_BLOCK_PRIVATE_NETWORKS is on",
  private: "a private-network address, refused because TOLLGATE_BLOCK_PRIVATE_NETWORKS is on",
};

/** Why Tollgate will not connect to this IP address, or null when it may. */
export function addressRefusal(address: string, blockPrivateNetworks: boolean): string | null {
  const addressClass = classifyAddress(address);
  if (addressClass === null) return null;
  if (!ALWAYS_REFUSED.has(addressClass) && !blockPrivateNetworks) return null;
  return `${address} is ${DESCRIPTIONS[addressClass]}`;
}
