#!/usr/bin/env node
// The one door to the Prisma CLI. Prisma 6 with the JS schema engine needs two engine variables to
// point at an existing file, or it tries to download native engines (impossible offline). Users
// run `npm run db:*`; nobody has to know this.
//
//   node scripts/prisma.mjs generate              render the PostgreSQL schema, generate both clients
//   node scripts/prisma.mjs migrate-deploy        apply pending migrations to DATABASE_URL
//   node scripts/prisma.mjs new-migration <name>  write a migration for both providers from the schema change
//   node scripts/prisma.mjs check-drift           fail if migrations and schema disagree (needs DATABASE_URL of an empty db)
//   node scripts/prisma.mjs -- <prisma args…>     anything else, raw
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PROVIDERS = ["sqlite", "postgresql"];
const SCHEMA = { sqlite: "prisma/schema.prisma", postgresql: "prisma/postgresql/schema.prisma" };

function prismaEnv(extra = {}) {
  const placeholder = join(root, "node_modules", ".prisma-engine-placeholder");
  if (!existsSync(placeholder)) {
    mkdirSync(dirname(placeholder), { recursive: true });
    writeFileSync(placeholder, "Prisma runs with engine \"js\"; this file only stops engine downloads.\n");
  }
  return {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
    PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    PRISMA_SKIP_POSTINSTALL_GENERATE: "1",
    CHECKPOINT_DISABLE: "1",
    ...extra,
  };
}

export function runPrisma(args, { env = {}, capture = false } = {}) {
  const cli = join(root, "node_modules", "prisma", "build", "index.js");
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    env: prismaEnv(env),
    stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
    encoding: "utf8",
  });
  if (result.status !== 0) {
    const detail = capture ? `\n${result.stdout}\n${result.stderr}` : "";
    throw new Error(`prisma ${args.join(" ")} failed (exit ${result.status})${detail}`);
  }
  return result.stdout ?? "";
}

/** The PostgreSQL schema is the SQLite one with two lines changed; never edit it by hand. */
export function renderPostgresSchema() {
  const source = readFileSync(join(root, SCHEMA.sqlite), "utf8");
  const rendered = source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:./placeholder.db"', 'url      = "postgresql://localhost/placeholder"')
    .replace("generated/prisma-sqlite", "generated/prisma-postgresql")
    .replace(/^\/\/ The single source of truth.*$/m, "// GENERATED from prisma/schema.prisma by scripts/prisma.mjs. Do not edit.");
  return rendered.replace('output     = "../lib/', 'output     = "../../lib/');
}

function writePostgresSchema() {
  const target = join(root, SCHEMA.postgresql);
  mkdirSync(dirname(target), { recursive: true });
  const rendered = renderPostgresSchema();
  if (!existsSync(target) || readFileSync(target, "utf8") !== rendered) writeFileSync(target, rendered);
}

function generate() {
  writePostgresSchema();
  for (const provider of PROVIDERS) runPrisma(["generate", "--schema", SCHEMA[provider]], { capture: true });
  console.log("prisma: generated clients for sqlite and postgresql");
}

function newMigration(name) {
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: new-migration <snake_case_name>");
  writePostgresSchema();
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  for (const provider of PROVIDERS) {
    const dir = join(root, "prisma", "migrations", provider);
    mkdirSync(dir, { recursive: true });
    const snapshot = join(dir, "schema.snapshot.prisma");
    const from = existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
    const sql = runPrisma(["migrate", "diff", ...from, "--to-schema-datamodel", SCHEMA[provider], "--script"], {
      capture: true,
      env: { DATABASE_URL: diffDatabaseUrl(provider) },
    });
    if (/This is an empty migration/.test(sql)) {
      console.log(`prisma: ${provider}: no change`);
      continue;
    }
    const migrationDir = join(dir, `${stamp}_${name}`);
    mkdirSync(migrationDir, { recursive: true });
    writeFileSync(join(migrationDir, "migration.sql"), sql);
    writeFileSync(join(dir, "migration_lock.toml"), `provider = "${provider}"\n`);
    copyFileSync(join(root, SCHEMA[provider]), snapshot);
    console.log(`prisma: ${provider}: wrote ${migrationDir}`);
  }
}

// `migrate diff` between two datamodels touches no data, but the CLI still connects through the
// adapter of the target provider.
function diffDatabaseUrl(provider) {
  if (provider === "sqlite") {
    mkdirSync(join(root, "data"), { recursive: true });
    return "file:./data/.migration-diff.db";
  }
  return process.env.TOLLGATE_MIGRATION_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

function ensureSqliteDirectory() {
  const url = process.env.DATABASE_URL ?? "file:./data/tollgate.db";
  if (url.startsWith("file:")) mkdirSync(dirname(resolve(root, url.slice(5))), { recursive: true });
}

export function migrateDeploy({ quiet = false } = {}) {
  ensureSqliteDirectory();
  const out = runPrisma(["migrate", "deploy"], { capture: true });
  if (!quiet) console.log(out.trim().split("\n").filter((l) => /migration|applied|No pending/i.test(l)).join("\n"));
  return out;
}

// `db push` through a driver adapter finishes its work in under a second but then keeps the process
// alive for about a minute; its verdict is printed by then, so stop it once the verdict is out.
function runPrismaUntilVerdict(args, verdict) {
  const cli = join(root, "node_modules", "prisma", "build", "index.js");
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: prismaEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const onData = (data) => {
      output += data;
      if (verdict.test(output)) child.kill();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("close", () => resolveRun(output));
  });
}

/** Fresh database + all migrations + `db push` must be a no-op; otherwise the migrations drifted. */
export async function checkDrift() {
  ensureSqliteDirectory();
  runPrisma(["migrate", "deploy"], { capture: true });
  const out = await runPrismaUntilVerdict(["db", "push", "--skip-generate", "--accept-data-loss"], /already in sync|Your database is now in sync|Error|error:/i);
  if (!/already in sync/i.test(out)) throw new Error(`migrations drifted from prisma/schema.prisma:\n${out}`);
  return out;
}

function listMigrations(provider) {
  const dir = join(root, "prisma", "migrations", provider);
  return existsSync(dir) ? readdirSync(dir).filter((d) => /^\d{14}_/.test(d)) : [];
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const [command, ...rest] = process.argv.slice(2);
  try {
    if (command === "generate") generate();
    else if (command === "migrate-deploy") migrateDeploy();
    else if (command === "new-migration") newMigration(rest[0]);
    else if (command === "check-drift") console.log((await checkDrift()).trim().split("\n").at(-1));
    else if (command === "list") for (const p of PROVIDERS) console.log(p, listMigrations(p).join(" "));
    else if (command === "--") runPrisma(rest);
    else {
      console.error("usage: node scripts/prisma.mjs generate | migrate-deploy | new-migration <name> | check-drift | -- <args>");
      process.exit(2);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
