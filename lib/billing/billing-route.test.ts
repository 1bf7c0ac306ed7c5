// The billing report end to end: usage written through the real batch writer into a fresh
// organization (so other tests' usage never mixes in), read back through the route as JSON and CSV,
// in a non-UTC zone across a DST change.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { resetEnvCache } from "../env";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor } from "../http/admin-test-support";
import { ensureDefaultOrg } from "../org/default-org";
import { writeUsageBatch } from "../usage/write-usage-batch";
import type { UsageEvent } from "../usage/usage-event";
import { uniqueSuffix } from "../../test/support/test-ids";
import { parseCsv } from "@/test/support/parse-csv";
import { GET } from "./billing-route";

const NY = "America/New_York";
const WEIRD_MODEL = 'acme, "turbo"\nv2';
const micros = (dollars: number) => Math.round(dollars * 1_000_000);

let previousZone: string | undefined;
const fixture = {} as {
  orgId: string;
  teamA: { id: string; name: string };
  teamB: { id: string; name: string };
  alice: { id: string; email: string; name: string };
  bob: { id: string; email: string; name: string };
  keyA: string;
  keyB: string;
  keyNoTeam: string;
  admin: { cookie: string };
  viewer: { cookie: string };
  aliceAuth: { cookie: string };
};

type Call = { at: string; day: string | null; model: string; user: "alice" | "bob"; key: "keyA" | "keyB" | "keyNoTeam"; input: number; output: number; cached?: number; cost: number; status?: number; refusal?: "quota" | "model_not_found" };

// `day` is the New York calendar day, worked out by hand (null: outside the 2021-03-12..17 range).
// DST starts on 2021-03-14 at 02:00 EST -> 03:00 EDT.
const CALLS: Call[] = [
  { at: "2021-03-12T04:59:00Z", day: null, model: "gpt-x", user: "alice", key: "keyA", input: 9, output: 9, cost: 999 },
  { at: "2021-03-13T04:30:00Z", day: "2021-03-12", model: "gpt-x", user: "alice", key: "keyA", input: 1000, output: 500, cached: 200, cost: 1234 },
  { at: "2021-03-13T05:10:00Z", day: "2021-03-13", model: WEIRD_MODEL, user: "bob", key: "keyB", input: 2000, output: 100, cost: 2_500_000 },
  { at: "2021-03-13T05:20:00Z", day: "2021-03-13", model: WEIRD_MODEL, user: "bob", key: "keyB", input: 10, output: 10, cost: 7 },
  { at: "2021-03-14T06:59:00Z", day: "2021-03-14", model: "gpt-x", user: "alice", key: "keyA", input: 50, output: 0, cost: 0, status: 500 },
  { at: "2021-03-14T07:00:00Z", day: "2021-03-14", model: "claude-y", user: "alice", key: "keyNoTeam", input: 300, output: 40, cost: 333_333 },
  { at: "2021-03-15T03:59:00Z", day: "2021-03-14", model: "gpt-x", user: "bob", key: "keyB", input: 1, output: 1, cost: 1 },
  { at: "2021-03-15T04:00:00Z", day: "2021-03-15", model: "claude-y", user: "bob", key: "keyB", input: 7, output: 3, cost: 10 },
  { at: "2021-03-16T04:00:00Z", day: "2021-03-16", model: "gpt-x", user: "alice", key: "keyA", input: 4, output: 4, cost: 4_000_000 },
  { at: "2021-03-18T04:00:00Z", day: null, model: "gpt-x", user: "alice", key: "keyA", input: 5, output: 5, cost: 5 },
  // Refusals are in the ledger (and the rollups' calls and errors) but not billed: one in the same
  // rollup row as bob's billed calls, one for a model nobody was ever served (no line of its own).
  { at: "2021-03-13T05:30:00Z", day: "2021-03-13", model: WEIRD_MODEL, user: "bob", key: "keyB", input: 0, output: 0, cost: 0, status: 429, refusal: "quota" },
  { at: "2021-03-16T05:00:00Z", day: "2021-03-16", model: "no-such-model", user: "alice", key: "keyA", input: 0, output: 0, cost: 0, status: 404, refusal: "model_not_found" },
];
const DAYS = ["2021-03-12", "2021-03-13", "2021-03-14", "2021-03-15", "2021-03-16", "2021-03-17"];
const RANGE = "from=2021-03-12&to=2021-03-17";

/** What billing reports for these calls: the admitted ones (refusals are not billed). */
function expectedSums(all: Call[]) {
  const calls = all.filter((c) => !c.refusal);
  return {
    calls: calls.length,
    errors: calls.filter((c) => (c.status ?? 200) >= 400).length,
    inputTokens: calls.reduce((s, c) => s + c.input, 0),
    outputTokens: calls.reduce((s, c) => s + c.output, 0),
    costMicros: calls.reduce((s, c) => s + c.cost, 0),
  };
}

function sumsOf(line: { calls: number; errors: number; inputTokens: number; outputTokens: number; cost: number }) {
  return { calls: line.calls, errors: line.errors, inputTokens: line.inputTokens, outputTokens: line.outputTokens, costMicros: micros(line.cost) };
}

function addUp(lines: { calls: number; errors: number; inputTokens: number; outputTokens: number; cost: number }[]) {
  return lines.map(sumsOf).reduce(
    (a, b) => ({ calls: a.calls + b.calls, errors: a.errors + b.errors, inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens, costMicros: a.costMicros + b.costMicros }),
    { calls: 0, errors: 0, inputTokens: 0, outputTokens: 0, costMicros: 0 },
  );
}

async function createKey(userId: string, teamId: string | null): Promise<string> {
  const key = await db().apiKey.create({
    data: { orgId: fixture.orgId, userId, teamId, name: `billing-${uniqueSuffix()}`, keyHash: randomBytes(32).toString("hex"), prefix: "tg-test" },
  });
  return key.id;
}

function event(call: Call): UsageEvent {
  const keyId = fixture[call.key];
  const teamId = call.key === "keyA" ? fixture.teamA.id : call.key === "keyB" ? fixture.teamB.id : null;
  return {
    requestId: `billing-${uniqueSuffix()}${uniqueSuffix()}`,
    orgId: fixture.orgId,
    keyId,
    userId: fixture[call.user].id,
    teamId,
    model: call.model,
    providerId: null,
    providerKind: "openai",
    upstreamModel: call.model,
    inputTokens: call.input,
    outputTokens: call.output,
    cachedTokens: call.cached ?? 0,
    costMicros: BigInt(call.cost),
    latencyMs: 100,
    ttftMs: null,
    streamed: false,
    status: call.status ?? 200,
    errorType: call.refusal ? "refused" : null,
    refusal: call.refusal ?? null,
    estimated: false,
    endpoint: "chat.completions",
    createdAt: new Date(call.at),
  };
}

const report = (query: string, auth: { cookie: string } = fixture.admin) => callRoute(GET, adminRequest(`/api/admin/billing?${query}`, { auth }));

beforeAll(async () => {
  previousZone = process.env.TOLLGATE_TIME_ZONE;
  process.env.TOLLGATE_TIME_ZONE = NY;
  enableTestAdminApiKey();
  // The default organization is the oldest one: make sure it exists first, so this file's
  // organization never becomes the default that other test files write into.
  await ensureDefaultOrg();
  const org = await db().organization.create({ data: { name: `Billing Org ${uniqueSuffix()}` } });
  fixture.orgId = org.id;
  fixture.teamA = await db().team.create({ data: { orgId: org.id, name: "Research" } });
  fixture.teamB = await db().team.create({ data: { orgId: org.id, name: "Platform" } });
  fixture.alice = await createTestUser({ role: "developer", suffix: uniqueSuffix(), orgId: org.id, teamId: fixture.teamA.id });
  fixture.bob = await createTestUser({ role: "developer", suffix: uniqueSuffix(), orgId: org.id, teamId: fixture.teamB.id });
  fixture.keyA = await createKey(fixture.alice.id, fixture.teamA.id);
  fixture.keyB = await createKey(fixture.bob.id, fixture.teamB.id);
  fixture.keyNoTeam = await createKey(fixture.alice.id, null);
  fixture.admin = await sessionCookieFor(await createTestUser({ role: "admin", suffix: uniqueSuffix(), orgId: org.id }));
  fixture.viewer = await sessionCookieFor(await createTestUser({ role: "viewer", suffix: uniqueSuffix(), orgId: org.id }));
  fixture.aliceAuth = await sessionCookieFor(fixture.alice);
  // Two batches, so rollup rows are both created and incremented.
  await writeUsageBatch(CALLS.slice(0, 5).map(event));
  await writeUsageBatch(CALLS.slice(5).map(event));
});

afterAll(() => {
  if (previousZone === undefined) delete process.env.TOLLGATE_TIME_ZONE;
  else process.env.TOLLGATE_TIME_ZONE = previousZone;
  resetEnvCache();
});

describe("GET /api/admin/billing (JSON)", () => {
  it("reports every New York day of the range, with totals equal to the sum of the parts", async () => {
    const { status, body } = await report(RANGE);
    expect(status).toBe(200);
    expect(body).toMatchObject({ scope: "org", scopeId: fixture.orgId, timeZone: NY, currency: "USD", firstDay: "2021-03-12", lastDay: "2021-03-17" });
    expect(body.from).toBe("2021-03-12T05:00:00.000Z");
    expect(body.to).toBe("2021-03-18T04:00:00.000Z");
    expect(body.byDay.map((d: { day: string }) => d.day)).toEqual(DAYS);

    const inRange = CALLS.filter((c) => c.day !== null);
    for (const day of body.byDay) {
      expect(sumsOf(day), day.day).toEqual(expectedSums(inRange.filter((c) => c.day === day.day)));
      expect(addUp(day.byModel), day.day).toEqual(sumsOf(day));
    }
    expect(body.byDay[5]).toMatchObject({ day: "2021-03-17", calls: 0, cost: 0, byModel: [] });

    expect(sumsOf(body.totals)).toEqual(expectedSums(inRange));
    expect(body.totals.cachedTokens).toBe(200);
    expect(addUp(body.byDay)).toEqual(sumsOf(body.totals));
    expect(addUp(body.byModel)).toEqual(sumsOf(body.totals));
    expect(addUp(body.byTeam)).toEqual(sumsOf(body.totals));
  });

  it("breaks cost down by model and by team for chargeback, most expensive first", async () => {
    const { body } = await report(RANGE);
    const inRange = CALLS.filter((c) => c.day !== null);
    expect(body.byModel.map((m: { model: string }) => m.model)).toEqual(["gpt-x", WEIRD_MODEL, "claude-y"]);
    expect(sumsOf(body.byModel[1])).toEqual(expectedSums(inRange.filter((c) => c.model === WEIRD_MODEL)));
    expect(body.byTeam.map((t: { teamId: string | null; teamName: string | null }) => [t.teamId, t.teamName])).toEqual([
      [fixture.teamA.id, "Research"],
      [fixture.teamB.id, "Platform"],
      [null, null],
    ]);
    expect(sumsOf(body.byTeam[1])).toEqual(expectedSums(inRange.filter((c) => c.key === "keyB")));
    expect(sumsOf(body.byTeam[2])).toEqual(expectedSums(inRange.filter((c) => c.key === "keyNoTeam")));
  });

  it("narrows to a team, a user, a key, or an exact instant range", async () => {
    const inRange = CALLS.filter((c) => c.day !== null);
    const team = await report(`${RANGE}&scope=team&scopeId=${fixture.teamA.id}`);
    expect(team.body).toMatchObject({ scope: "team", scopeId: fixture.teamA.id, scopeName: "Research" });
    expect(sumsOf(team.body.totals)).toEqual(expectedSums(inRange.filter((c) => c.key === "keyA")));
    const user = await report(`${RANGE}&scope=user&scopeId=${fixture.bob.id}`);
    expect(user.body.scopeName).toBe(fixture.bob.email);
    expect(sumsOf(user.body.totals)).toEqual(expectedSums(inRange.filter((c) => c.user === "bob")));
    const key = await report(`${RANGE}&scope=key&scopeId=${fixture.keyNoTeam}`);
    expect(sumsOf(key.body.totals)).toEqual(expectedSums(inRange.filter((c) => c.key === "keyNoTeam")));

    const hour = await report("from=2021-03-14T07:00:00Z&to=2021-03-14T08:00:00Z");
    expect(hour.body.byDay.map((d: { day: string }) => d.day)).toEqual(["2021-03-14"]);
    expect(sumsOf(hour.body.totals)).toEqual(expectedSums([CALLS[5]]));
  });

  it("defaults to the current New York month up to now", async () => {
    const { status, body } = await report("");
    expect(status).toBe(200);
    const local = (iso: string) => new Date(iso).toLocaleString("en-US", { timeZone: NY, hourCycle: "h23" });
    expect(local(body.from)).toMatch(/^\d{1,2}\/1\/\d{4}, 00:00:00$/);
    expect(Math.abs(new Date(body.to).getTime() - Date.now())).toBeLessThan(60_000);
    expect(body.lastDay).toBe(new Date().toLocaleDateString("en-CA", { timeZone: NY }));
    expect(body.byDay.length).toBe(Number(body.lastDay.slice(8, 10)));
    expect(body.totals.calls).toBe(0);
  });
});

describe("GET /api/admin/billing?format=csv", () => {
  it("downloads one row per day × model plus totals, escaped so it parses back", async () => {
    const response = await GET(adminRequest(`/api/admin/billing?${RANGE}&format=csv`, { auth: fixture.admin }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="tollgate-billing-org-2021-03-12-2021-03-17.csv"');
    const rows = parseCsv(await response.text());
    expect(rows[0]).toEqual(["day", "model", "calls", "errors", "input_tokens", "output_tokens", "cached_tokens", "cost_usd"]);

    const inRange = CALLS.filter((c) => c.day !== null && !c.refusal);
    const cells = new Set(inRange.map((c) => `${c.day}|${c.model}`));
    const body = rows.slice(1, -1);
    expect(body.length).toBe(cells.size);
    for (const [day, model, calls, errors, input, output, , cost] of body) {
      const expected = expectedSums(inRange.filter((c) => c.day === day && c.model === model));
      expect([Number(calls), Number(errors), Number(input), Number(output), micros(Number(cost))]).toEqual([
        expected.calls, expected.errors, expected.inputTokens, expected.outputTokens, expected.costMicros,
      ]);
    }
    expect(body.some(([, model]) => model === WEIRD_MODEL)).toBe(true);
    const total = expectedSums(inRange);
    expect(rows.at(-1)).toEqual(["total", "", String(total.calls), String(total.errors), String(total.inputTokens), String(total.outputTokens), "200", "6.834585"]);
    expect(total.costMicros).toBe(6_834_585);
  });
});

describe("GET /api/admin/billing: roles and errors", () => {
  it("lets viewers see everything and developers only themselves and their own keys", async () => {
    expect((await report(RANGE, fixture.viewer)).status).toBe(200);
    const dev = fixture.aliceAuth;
    expect((await report(`${RANGE}&scope=user&scopeId=${fixture.alice.id}`, dev)).status).toBe(200);
    expect((await report(`${RANGE}&scope=key&scopeId=${fixture.keyA}`, dev)).status).toBe(200);
    for (const query of ["", `scope=team&scopeId=${fixture.teamA.id}`, `scope=user&scopeId=${fixture.bob.id}`, `scope=key&scopeId=${fixture.keyB}`]) {
      const result = await report(`${RANGE}&${query}`, dev);
      expect(result.status, query).toBe(403);
      expect(result.body.error.code).toBe("forbidden");
    }
    expect((await callRoute(GET, adminRequest(`/api/admin/billing?${RANGE}`, { auth: "none" }))).status).toBe(401);
  });

  it("answers 422 naming the field for bad input", async () => {
    const cases: [string, string][] = [
      ["scope=team", "scopeId"],
      ["scope=planet", "scope"],
      ["from=yesterday", "from"],
      ["from=2021-03-12&to=2021-03-11", "to"],
      ["from=2021-03-12T10:00:00Z&to=2021-03-12T10:00:00Z", "to"],
      ["from=2020-01-01&to=2021-03-01", "to"],
      ["format=xlsx", "format"],
    ];
    for (const [query, field] of cases) {
      const result = await report(query);
      expect(result.status, query).toBe(422);
      expect(result.body.error.field, query).toBe(field);
    }
    expect((await report("from=2020-01-01&to=2021-02-03")).status).toBe(200);
  });

  it("answers 404 for ids that are not in the caller's organization", async () => {
    const elsewhere = await db().organization.create({ data: { name: `Other Org ${uniqueSuffix()}` } });
    const stranger = await createTestUser({ role: "developer", suffix: uniqueSuffix(), orgId: elsewhere.id });
    for (const query of [`scope=team&scopeId=nope`, `scope=user&scopeId=${stranger.id}`, `scope=key&scopeId=nope`, `scope=org&scopeId=nope`]) {
      const result = await report(`${RANGE}&${query}`);
      expect(result.status, query).toBe(404);
      expect(result.body.error.field).toBe("scopeId");
    }
  });
});
