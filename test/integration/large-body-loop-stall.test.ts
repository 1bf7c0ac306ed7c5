// What one 4 MB prose prompt costs the proxy's event loop, in a separate Tollgate process (its own
// event loop, measured from inside it: test/support/loop-probe.ts) against the fake upstream.
//
// Regression for "a large prompt stalls every other call": the proxy serialized the upstream body
// with one JSON.stringify and undici encoded it to bytes in one go: about 12 ms of a quiet 2-core
// machine for 4 MB of prose (more on a busy one), during which no other call was even read. Now the
// body is serialized and encoded a slice at a time (lib/json/, docs/decisions/016-…), the request body
// is decoded as it arrives and parsed in a turn of its own (lib/gateway/transport/), and what is left
// in one piece is JSON.parse of the body (~4 ms).
//
// The key has no quota: nothing is counted, so the stall measured is the proxy's own work on the body.
// How long a piece of work holds the loop depends on the machine and on what else runs on it (the
// suite shares two cores with builds and browsers), so the stalls are compared with a yardstick
// measured in the same process at the same time: the gateway process serializing and encoding the
// same body in one go (POST /__test/stringify, test/support/gateway-process.ts), the single piece
// the proxy used to do on every call. Stalls are counted in time on a CPU where Linux tells it
// (test/support/loop-probe.ts), calls go one at a time, alternating with the yardstick, and the
// medians are compared. Before: the proxied call's longest stall held that whole piece and more
// (decode, parse, serialize and encode in one turn: about 1.5 times the yardstick). Now the longest
// piece is the JSON.parse of the request (about a third of it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { bigPrompt } from "@/scripts/bench/big-prompts.mjs";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";
import { chat } from "../support/governance-fixtures";
import { spawnGateway, type GatewayProcess } from "../support/spawn-gateway";

const PROMPT_BYTES = 4_000_000;
const CALLS = 5;
const MAX_STALL_TO_YARDSTICK = 0.75;

let upstream: FakeUpstream;
let gateway: GatewayProcess;
let key: string;
const models: Record<string, string> = {};

/** The longest stall since the last read, counted in time on a CPU (test/support/loop-probe.ts). */
async function loopStall(): Promise<number> {
  const response = await fetch(`${gateway.url}/__test/loop`);
  return ((await response.json()) as { maxBusyStallMs: number }).maxBusyStallMs;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The longest stall of the loop during each proxied call and during each yardstick, one at a time. */
async function stallsOfCalls(model: string, body: Record<string, unknown>): Promise<{ calls: number[]; yardsticks: number[] }> {
  const calls: number[] = [];
  const yardsticks: number[] = [];
  for (let call = 0; call < CALLS; call++) {
    await loopStall();
    const answer = await chat(gateway.url, key, { model, ...body });
    expect(answer.status).toBe(200);
    calls.push(await loopStall());
    const yardstick = await fetch(`${gateway.url}/__test/stringify`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model, ...body }) });
    expect(yardstick.status).toBe(200);
    await yardstick.arrayBuffer();
    yardsticks.push(await loopStall());
  }
  return { calls, yardsticks };
}

const listed = (values: number[]) => values.map((value) => value.toFixed(1)).join(", ");

beforeAll(async () => {
  upstream = await startFakeUpstream({ apiKey: "sk-upstream", recordLimit: 0 });
  models.openai = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream" })).modelName;
  models.anthropic = (await createProviderWithModel({ kind: "anthropic", baseUrl: upstream.url, apiKey: "sk-upstream" })).modelName;
  ({ key } = await createUserWithKey({ tier: "enterprise" }));
  gateway = await spawnGateway({ ...process.env, TOLLGATE_TEST_LOOP_PROBE: "1", LOG_LEVEL: "warn" });
  // Warm: the first calls load the catalog, the key and the code paths.
  for (const model of Object.values(models)) expect((await chat(gateway.url, key, { model, messages: [{ role: "user", content: "ping" }] })).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
});

describe("a 4 MB prose prompt", () => {
  const content = `[[fake:echo-chars=16]] ${bigPrompt("english", PROMPT_BYTES)}`;

  it.each([
    ["an OpenAI-compatible upstream (body passed through)", "openai", false],
    ["an OpenAI-compatible upstream, streamed", "openai", true],
    ["an Anthropic upstream (body translated)", "anthropic", false],
  ] as const)("holds the proxy's event loop only briefly: %s", async (_name, kind, stream) => {
    const { calls, yardsticks } = await stallsOfCalls(models[kind], { max_tokens: 16, stream, messages: [{ role: "user", content }] });
    const ratio = median(calls) / median(yardsticks);
    expect(ratio, `longest stall per call ${listed(calls)} ms; serializing the body in one go ${listed(yardsticks)} ms`).toBeLessThan(MAX_STALL_TO_YARDSTICK);
  }, 120_000);
});
