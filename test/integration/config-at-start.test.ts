// The configuration file applied at start (TOLLGATE_CONFIG, docs/configuration.md, "At start"): the
// real start script (`npm start -- --prepare-only`: everything `npm start` does before serving, no
// Next.js build) on a fresh database of its own (a SQLite file, or on the PostgreSQL pass a database
// created next to the test one), which the start migrates itself; its bootstrap (first admin, price
// list) touches no other test's data. A good file is applied (credentials read from the environment,
// every item marked managed) and found up to date at the next start; a bad file stops the start with
// exit 1, the file's path and line, and nothing of it applied.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { TEST_SECRET } from "../support/test-env";
import { uniqueSuffix } from "../support/test-ids";

const ROOT = resolve(__dirname, "../..");
const requireFromHere = createRequire(__filename);
const Database = requireFromHere("better-sqlite3") as typeof import("better-sqlite3");
const run = uniqueSuffix();
const OPENAI_KEY = `sk-start-${run}`;
const sharedUrl = process.env.DATABASE_URL ?? "";
const onPostgres = /^postgres(ql)?:\/\//.test(sharedUrl);
const pgDatabase = `tollgate_start_${run.replace(/\W/g, "_").toLowerCase()}`;
let dir: string;
let databaseUrl: string;

/** The shared test database's server, with another database name. */
function pgUrl(database: string): string {
  const url = new URL(sharedUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** `node scripts/start.mjs --prepare-only` with TOLLGATE_CONFIG = `config`; its exit code and output. */
function start(config: string, extra: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { NODE_ENV: _nodeEnv, REDIS_URL: _redis, ...inherited } = process.env;
  const child = spawn(process.execPath, ["scripts/start.mjs", "--prepare-only"], {
    cwd: ROOT,
    env: {
      ...inherited, DATABASE_URL: databaseUrl, TOLLGATE_SECRET: TEST_SECRET, TOLLGATE_CONFIG: config, LOG_LEVEL: "warn",
      ADMIN_EMAIL: `admin-${run}@example.test`, ADMIN_PASSWORD: `start-${run}-Password!`, OPENAI_KEY, ...extra,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.once("close", (code) => done({ code, stdout, stderr })));
}

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  if (onPostgres) {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  }
  const sqlite = new Database(databaseUrl.slice("file:".length), { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    sqlite.close();
  }
}

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: sharedUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function configFile(name: string, yaml: string): string {
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
}

const GOOD = `version: 1
providers:
  - name: openai-${run}
    kind: openai
    apiKey: \${OPENAI_KEY}
models:
  - name: mini-${run}
    provider: openai-${run}
    upstreamModel: gpt-4o-mini
    inputPricePerMTok: 0.15
    outputPricePerMTok: 0.6
teams:
  - name: search-${run}
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tollgate-config-start-"));
  if (onPostgres) {
    await onServer(`CREATE DATABASE "${pgDatabase}"`);
    databaseUrl = pgUrl(pgDatabase);
  } else databaseUrl = `file:${join(dir, "start.db")}`;
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (onPostgres) await onServer(`DROP DATABASE IF EXISTS "${pgDatabase}" WITH (FORCE)`);
});

describe("TOLLGATE_CONFIG applied by npm start", () => {
  it("applies the file before serving, marks what it owns, and finds it up to date at the next start", async () => {
    const path = configFile("tollgate.yaml", GOOD);
    const first = await start(path);
    expect(first.stderr).not.toContain("not starting");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`[tollgate] configuration file ${path} applied:`);
    expect(first.stdout).toContain("--prepare-only");

    const [provider] = await rows(`SELECT "name", "kind", "encryptedApiKey", "managedBy" FROM "Provider" WHERE "name" = 'openai-${run}'`);
    expect(provider).toMatchObject({ kind: "openai", managedBy: "config-file" });
    expect(decryptSecret(provider.encryptedApiKey as string, TEST_SECRET)).toBe(OPENAI_KEY);
    expect(await rows(`SELECT m."upstreamModel", m."managedBy", p."name" AS provider FROM "Model" m JOIN "Provider" p ON p."id" = m."providerId" WHERE m."name" = 'mini-${run}'`)).toEqual([
      { upstreamModel: "gpt-4o-mini", managedBy: "config-file", provider: `openai-${run}` },
    ]);
    expect(await rows(`SELECT "managedBy" FROM "Team" WHERE "name" = 'search-${run}'`)).toEqual([{ managedBy: "config-file" }]);

    const again = await start(path);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`[tollgate] configuration file ${path}: up to date (3 items).`);
  }, 120_000);

  it("refuses to start on a bad file with its path and line, and applies nothing of it", async () => {
    const path = configFile("bad.yaml", `${GOOD}  - name: later-${run}
providers_typo: []
`);
    // A valid new team and provider before the problems: none of them may be written.
    const bad = configFile("bad-reference.yaml", `version: 1
teams:
  - name: never-${run}
providers:
  - name: never-${run}
    kind: openai
    apiKey: \${OPENAI_KEY}
  - name: never-2-${run}
    kind: openai
    apiKey: \${MISSING_KEY_${run.replace(/\W/g, "_").toUpperCase()}}
`);
    const unknownField = await start(path);
    expect(unknownField.code).toBe(1);
    expect(unknownField.stderr).toMatch(new RegExp(`\\[tollgate\\] not starting: .*${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}`));
    expect(unknownField.stderr).toContain(`${path}:15:1: providers_typo: unknown field`);
    expect(unknownField.stdout).not.toContain("--prepare-only");

    const missingVariable = await start(bad);
    expect(missingVariable.code).toBe(1);
    expect(missingVariable.stderr).toContain(`${bad}:10:13: providers[1].apiKey: the environment variable`);
    expect(await rows(`SELECT "name" FROM "Team" WHERE "name" IN ('later-${run}', 'never-${run}')`)).toEqual([]);
    expect(await rows(`SELECT "name" FROM "Provider" WHERE "name" LIKE 'never-%${run}'`)).toEqual([]);
  }, 120_000);
});
