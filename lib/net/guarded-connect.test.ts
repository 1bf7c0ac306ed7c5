// The connect-time check with real sockets: undici's Agent built with guardedConnector (as the
// gateway's is) against the fake upstream, with a stand-in resolver playing a DNS server that points
// a name wherever the test says, and the system resolver for `localhost`.
import { Agent, request } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { resetEnvCache } from "../env";
import { createGuardedLookup, guardedLookup, OUTBOUND_BLOCKED_CODE, type Resolver } from "./guarded-lookup";
import { guardedConnector } from "./undici-connector";

let upstream: FakeUpstream;
const records = new Map<string, string>();
const resolver: Resolver = async (hostname) => {
  const address = records.get(hostname);
  if (!address) throw Object.assign(new Error(`no record for ${hostname}`), { code: "ENOTFOUND" });
  return [{ address, family: address.includes(":") ? 6 : 4 }];
};
const agents: Agent[] = [];

function agentWith(lookup = createGuardedLookup(resolver)): Agent {
  const agent = new Agent({ connect: guardedConnector(lookup) });
  agents.push(agent);
  return agent;
}

async function post(agent: Agent, url: string) {
  const response = await request(url, {
    dispatcher: agent,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hello" }] }),
  });
  await response.body.text();
  return response.statusCode;
}

async function failure(run: () => Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await run();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error("expected the connection to be refused");
}

beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterEach(() => {
  delete process.env.TOLLGATE_BLOCK_PRIVATE_NETWORKS;
  resetEnvCache();
});
afterAll(async () => {
  await Promise.all(agents.map((agent) => agent.close()));
  await upstream.close();
});

describe("guarded connections", () => {
  it("connects to a name that resolves to an allowed address", async () => {
    records.set("models.internal.test", "127.0.0.1");
    upstream.clear();
    expect(await post(agentWith(), `http://models.internal.test:${upstream.port}/v1/chat/completions`)).toBe(200);
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0].headers.host).toBe(`models.internal.test:${upstream.port}`);
  });

  it("refuses a name that now resolves to the metadata address (DNS rebinding), before sending a byte", async () => {
    // When the URL was saved the name pointed somewhere harmless; now it points at the metadata service.
    records.set("rebind.attacker.test", "169.254.169.254");
    upstream.clear();
    const error = await failure(() => post(agentWith(), `http://rebind.attacker.test:${upstream.port}/v1/chat/completions`));
    expect(error.code).toBe(OUTBOUND_BLOCKED_CODE);
    expect(error.message).toBe("Refused to connect to rebind.attacker.test: 169.254.169.254 is a cloud metadata service address.");
    expect(upstream.requests).toHaveLength(0);
  });

  it("refuses a name with any refused address among its records", async () => {
    const lookup = createGuardedLookup(async () => [
      { address: "127.0.0.1", family: 4 },
      { address: "fe80::1", family: 6 },
    ]);
    expect((await failure(() => post(agentWith(lookup), `http://mixed.test:${upstream.port}/v1/chat/completions`))).code).toBe(OUTBOUND_BLOCKED_CODE);
  });

  it("refuses a literal metadata or unspecified address at once, without trying to connect", async () => {
    const started = Date.now();
    for (const url of ["http://169.254.169.254/latest/meta-data", "http://[fd00:ec2::254]/", "http://0.0.0.0:9/"]) {
      expect((await failure(() => post(agentWith(), url))).code).toBe(OUTBOUND_BLOCKED_CODE);
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("with TOLLGATE_BLOCK_PRIVATE_NETWORKS, refuses localhost through the system resolver and loopback literals", async () => {
    upstream.clear();
    expect(await post(agentWith(guardedLookup), `http://localhost:${upstream.port}/v1/chat/completions`)).toBe(200);
    process.env.TOLLGATE_BLOCK_PRIVATE_NETWORKS = "true";
    resetEnvCache();
    const byName = await failure(() => post(agentWith(guardedLookup), `http://localhost:${upstream.port}/v1/chat/completions`));
    expect(byName.code).toBe(OUTBOUND_BLOCKED_CODE);
    expect(byName.message).toMatch(/^Refused to connect to localhost: (127\.0\.0\.1|::1) is a loopback address/);
    expect((await failure(() => post(agentWith(guardedLookup), `${upstream.url}/v1/chat/completions`))).code).toBe(OUTBOUND_BLOCKED_CODE);
    expect(upstream.requests).toHaveLength(1);
  });
});
