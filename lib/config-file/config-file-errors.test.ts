// Bad configuration files: every problem is reported with the file, line and field, and nothing is
// applied; a failure in the middle of the transaction leaves nothing half-way either.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, isPostgres } from "../db";
import { uniqueSuffix } from "../../test/support/test-ids";
import { applyConfigFile, planConfigFile } from "./apply-config";
import { ConfigFileError } from "./config-errors";

let dir: string;
let orgId: string;
const run = uniqueSuffix();
const env = { OPENAI_KEY: "sk-from-the-environment" };

function file(yaml: string): string {
  const path = join(dir, `bad-${uniqueSuffix()}.yaml`);
  writeFileSync(path, yaml);
  return path;
}

/** The error of applying `yaml` (which must fail), and that nothing of it was written. */
async function failure(yaml: string, environment: Record<string, string | undefined> = env): Promise<ConfigFileError> {
  const path = file(yaml);
  const error = await applyConfigFile(path, { orgId, environment }).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigFileError);
  expect((error as Error).message).toContain(path);
  expect(await db().provider.count({ where: { orgId } })).toBe(0);
  expect(await db().team.count({ where: { orgId } })).toBe(0);
  return error as ConfigFileError;
}

const lines = (error: ConfigFileError) => error.issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tollgate-config-errors-"));
  orgId = (await db().organization.create({ data: { name: `config-errors-${run}` } })).id;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a configuration file with problems", () => {
  it("refuses a literal credential, naming its path and line", async () => {
    const error = await failure(`teams:\n  - name: t-${run}\nproviders:\n  - name: p-${run}\n    kind: openai\n    apiKey: sk-live-1234567890\n`);
    expect(lines(error)).toEqual(["6:13 providers[0].apiKey: a credential must be a reference to an environment variable, such as ${OPENAI_API_KEY}: the file is meant for git, so literal secrets are refused."]);
    expect(error.message).not.toContain("sk-live-1234567890");
    expect(error.message).toMatch(/bad-.*\.yaml:6:13: providers\[0\]\.apiKey: a credential must be/);
  });

  it("names a ${VAR} that the environment does not set", async () => {
    const error = await failure(`providers:\n  - name: p-${run}\n    kind: openai\n    apiKey: \${OPENAI_KEY_MISSING}\n`);
    expect(lines(error)).toEqual(["4:13 providers[0].apiKey: the environment variable OPENAI_KEY_MISSING is not set (referenced as ${OPENAI_KEY_MISSING})."]);
  });

  it("reports a YAML syntax error with its line", async () => {
    const error = await failure(`providers:\n  - name: p-${run}\n    kind: [openai\nteams: []\n`);
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0].line).toBeGreaterThanOrEqual(3);
  });

  it("lists every problem of the file at once, each at its line: unknown fields, the API's validation, references", async () => {
    const yaml = [
      "providers:",
      `  - name: p-${run}`,
      "    kind: openai",
      "    apiKey: ${OPENAI_KEY}",
      "models:",
      `  - name: m-${run}`,
      `    provider: p-${run}`,
      "    upstreamModel: gpt-4o",
      "    inputPricePerMtok: 1",
      "    outputPricePerMTok: 1",
      `  - name: n-${run}`,
      `    provider: p-${run}`,
      "    upstreamModel: gpt-4o",
      "    inputPricePerMTok: -1",
      "    outputPricePerMTok: 1",
      "quotas:",
      "  - scope: team",
      "    period: weekly",
      "    scopeName: nobody",
      "    maxCalls: 10",
      "colour: blue",
    ].join("\n");
    const error = await failure(yaml);
    expect(lines(error)).toEqual([
      "9:5 models[0].inputPricePerMtok: unknown field; expected one of name, provider, upstreamModel, inputPricePerMTok, outputPricePerMTok, cachedPricePerMTok, cacheWritePricePerMTok, contextWindow, maxOutputTokens, enabled, batchDiscountPercent, routing.",
      expect.stringMatching(/^14:24 models\[1\]\.inputPricePerMTok: /),
      expect.stringMatching(/^18:13 quotas\[0\]\.period: /),
      "21:1 colour: unknown field; expected one of version, prune, providers, teams, models, quotas, rateLimits, alertRules, cacheSettings.",
    ]);
  });

  it("checks references against the file and the database: providers, teams, users, fallback models", async () => {
    const yaml = [
      "models:",
      `  - name: m-${run}`,
      "    provider: no-such-provider",
      "    upstreamModel: gpt-4o",
      "    inputPricePerMTok: 1",
      "    outputPricePerMTok: 1",
      "    routing:",
      "      strategy: priority",
      "      fallbackModels: [no-such-model]",
      "rateLimits:",
      "  - scope: user",
      "    scopeName: nobody@example.test",
      "    rpm: 10",
    ].join("\n");
    const error = await failure(yaml);
    expect(lines(error)).toEqual([
      '3:15 models[0].provider: no provider named "no-such-provider" in this file or the database.',
      '9:24 models[0].routing.fallbackModels[0]: no model named "no-such-model" in this file or the database.',
      '12:16 rateLimits[0].scopeName: no user named "nobody@example.test" in this file or the database.',
    ]);
  });

  it("refuses a URL the API would refuse (a cloud metadata address), at its line", async () => {
    const error = await failure(`providers:\n  - name: p-${run}\n    kind: openai-compatible\n    baseUrl: http://169.254.169.254/v1\n    apiKey: \${OPENAI_KEY}\n`);
    expect(error.issues.map((i) => [i.line, i.path])).toEqual([[4, "providers[0].baseUrl"]]);
  });

  it("leaves nothing half-way when a write fails inside the transaction", async () => {
    // A database that refuses one insert in the middle of the apply (the providers are written before the teams).
    const boom = `boom-${run}`;
    if (isPostgres()) {
      await db().$executeRawUnsafe(`CREATE OR REPLACE FUNCTION refuse_boom_team() RETURNS trigger AS $$ BEGIN IF NEW.name = '${boom}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
      await db().$executeRawUnsafe(`CREATE TRIGGER "refuse_boom_team_${run.replace(/\W/g, "")}" BEFORE INSERT ON "Team" FOR EACH ROW EXECUTE FUNCTION refuse_boom_team()`);
    } else {
      await db().$executeRawUnsafe(`CREATE TRIGGER "refuse_boom_team_${run.replace(/\W/g, "")}" BEFORE INSERT ON "Team" WHEN NEW.name = '${boom}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    }
    try {
      const path = file(`providers:\n  - name: p-${run}\n    kind: openai\n    apiKey: \${OPENAI_KEY}\nteams:\n  - name: ok-${run}\n  - name: ${boom}\n`);
      expect((await planConfigFile(path, { orgId, environment: env })).items.map((i) => i.action)).toEqual(["create", "create", "create"]);
      // PostgreSQL passes the trigger's message on; SQLite's driver adapter reports RAISE(ABORT) as a constraint violation.
      await expect(applyConfigFile(path, { orgId, environment: env })).rejects.toThrow(isPostgres() ? /refused by the test/ : /constraint/i);
      expect(await db().provider.count({ where: { orgId } })).toBe(0);
      expect(await db().team.count({ where: { orgId } })).toBe(0);
      expect(await db().auditLog.count({ where: { orgId } })).toBe(0);
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER "refuse_boom_team_${run.replace(/\W/g, "")}"${isPostgres() ? ' ON "Team"' : ""}`);
    }
    // Without the refusing trigger the same file applies: the failure above was the trigger's.
    const path = file(`providers:\n  - name: p-${run}\n    kind: openai\n    apiKey: \${OPENAI_KEY}\nteams:\n  - name: ok-${run}\n  - name: ${boom}\n`);
    expect((await applyConfigFile(path, { orgId, environment: env })).items.map((i) => i.action)).toEqual(["create", "create", "create"]);
  });
});
