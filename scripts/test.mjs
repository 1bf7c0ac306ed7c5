#!/usr/bin/env node
// `npm test`: every suite, in order — unit + integration on SQLite, then again on PostgreSQL (with
// Redis) the tests that touch a database, Redis or a gateway with a database (vitest's "database"
// project; the "database-free" ones ran in the first pass: test/support/database-free-tests.ts),
// then the Playwright end-to-end tests in Chromium. Without PostgreSQL or Redis the
// suites that need them are skipped LOUDLY; with CI=true (or TOLLGATE_REQUIRE_SERVICES=1) a
// missing service fails the run instead.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { idleText, runWatched } from "./run-watched.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const requireServices = process.env.CI === "true" || process.env.TOLLGATE_REQUIRE_SERVICES === "1";
const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const PG_TEST_DB = process.env.TEST_PG_DATABASE ?? "tollgate_test";
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/15";
const only = process.argv.slice(2); // e.g. `npm test -- sqlite e2e`

const totals = { passed: 0, failed: 0, skipped: 0 };
/**
 * Names of failed tests with the start of their error, printed again in the summary: CI shows only
 * the end of a long log, where the reporters' own failure details have scrolled away.
 */
const failedTests = [];

/** The first lines of an error message, without colour codes, indented under the test's name. */
function errorExcerpt(message) {
  if (!message) return "";
  const lines = String(message).replace(/\u001b\[[0-9;]*m/g, "").split("\n").map((line) => line.trimEnd()).filter((line) => line.trim() !== "");
  return lines.slice(0, 6).map((line) => `\n      ${line.slice(0, 240)}`).join("");
}
const skippedSuites = [];
const failedSuites = [];

function reachable(url, defaultPort) {
  const { hostname, port } = new URL(url);
  return new Promise((done) => {
    const socket = net.connect({ host: hostname, port: Number(port || defaultPort) });
    socket.setTimeout(1500);
    socket.once("connect", () => (socket.destroy(), done(true)));
    socket.once("error", () => done(false));
    socket.once("timeout", () => (socket.destroy(), done(false)));
  });
}

/**
 * A suite that prints nothing for this long is hung (scripts/run-watched.mjs): vitest's reporter
 * prints each file as it ends and Playwright each test, and no file or test here takes minutes.
 */
const IDLE_LIMIT_MS = Number(process.env.TEST_IDLE_LIMIT_MS ?? 12 * 60_000);
const IDLE_LIMIT_TEXT = idleText(IDLE_LIMIT_MS);
/** Suites that hung once and were run again (named in the summary). */
const hungSuites = [];

/** Resolves { ok, hung }. */
async function run(label, command, args, env) {
  console.log(`\n=== ${label} ===`);
  return runWatched(command, args, { cwd: root, env: { ...process.env, ...env }, idleMs: IDLE_LIMIT_MS });
}

function countVitest(file, label) {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, "utf8"));
  collectVitestFailures(report, label);
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

function collectVitestFailures(report, label) {
  for (const suite of report.testResults ?? []) {
    const path = suite.name.startsWith(root) ? suite.name.slice(root.length + 1) : suite.name;
    for (const test of suite.assertionResults ?? []) {
      if (test.status === "failed") failedTests.push(`${label}: ${path} › ${test.fullName}${errorExcerpt(test.failureMessages?.[0])}`);
    }
    if (suite.status === "failed" && !(suite.assertionResults ?? []).some((t) => t.status === "failed")) {
      failedTests.push(`${label}: ${path} (${(suite.message ?? "failed to load").split("\n")[0]})`);
    }
  }
}

/**
 * `freshEnv()`: makes the suite's database anew and resolves the suite's environment (called before
 * each start, so a run after a hang starts from a fresh database too); `projects`: vitest projects to
 * run (vitest.config.ts); none = all of them.
 */
async function vitestSuite(label, freshEnv, projects = []) {
  const out = join(root, "data", "test", `${label}.json`);
  const args = ["run", ...projects.map((name) => `--project=${name}`), "--reporter=default", "--reporter=json", `--outputFile=${out}`];
  const title = `vitest: ${label}${projects.length ? ` (${projects.join(", ")})` : ""}`;
  const start = async () => {
    rmSync(out, { force: true });
    return run(title, process.execPath, [join(root, "node_modules/vitest/vitest.mjs"), ...args], await freshEnv());
  };
  let { ok, hung } = await start();
  if (hung) {
    // A runner that stops mid-suite is run once more, from the start and loudly; a suite that hangs
    // twice fails. Either way the summary names it.
    hungSuites.push(label);
    console.error(`\n!!! ${label} hung: running it again from the start`);
    ({ ok, hung } = await start());
    if (hung) failedTests.push(`${label}: hung twice (no output for ${IDLE_LIMIT_TEXT})`);
  }
  const counts = countVitest(out, label);
  if (counts) for (const k of Object.keys(totals)) totals[k] += counts[k];
  if (!ok) failedSuites.push(label);
  if (!ok && !counts) totals.failed += 1;
}

function collectPlaywrightFailures(suites, trail = []) {
  for (const suite of suites) {
    const here = suite.title ? [...trail, suite.title] : trail;
    for (const spec of suite.specs ?? []) {
      if (spec.ok) continue;
      const error = (spec.tests ?? []).flatMap((test) => test.results ?? []).flatMap((result) => result.errors ?? [])[0];
      failedTests.push(`e2e: ${[...here, spec.title].join(" › ")}${errorExcerpt(error?.message)}`);
    }
    collectPlaywrightFailures(suite.suites ?? [], here);
  }
}

function skip(suite, why) {
  const message = `SKIPPED ${suite}: ${why}`;
  if (requireServices) {
    console.error(`\n!!! ${message} — services are mandatory here (CI=true / TOLLGATE_REQUIRE_SERVICES=1)`);
    failedSuites.push(suite);
    totals.failed += 1;
  } else {
    console.warn(`\n!!!!!!!! ${message} !!!!!!!!`);
    skippedSuites.push(message);
  }
}

async function createPgDatabase() {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${PG_TEST_DB}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${PG_TEST_DB}"`);
  await client.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${PG_TEST_DB}`;
  return url.toString();
}

const wants = (name) => only.length === 0 || only.includes(name);
mkdirSync(join(root, "data", "test"), { recursive: true });
process.env.NEXT_TELEMETRY_DISABLED = "1";

const redisUp = await reachable(REDIS_URL, 6379);
if (!redisUp) skip("Redis-backed tests", `no Redis at ${REDIS_URL}`);
const redisEnv = redisUp ? { TEST_REDIS_URL: REDIS_URL } : {};

if (wants("sqlite")) {
  const file = join(root, "data", "test", "sqlite.db");
  await vitestSuite("sqlite", () => {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    return { DATABASE_URL: `file:${file}`, ...redisEnv };
  });
}

if (wants("postgresql")) {
  if (await reachable(PG_ADMIN_URL, 5432)) {
    await vitestSuite("postgresql", async () => ({ DATABASE_URL: await createPgDatabase(), ...redisEnv }), ["database"]);
  } else skip("PostgreSQL suite", `no PostgreSQL at ${PG_ADMIN_URL}`);
}

if (wants("e2e")) {
  const out = join(root, "data", "test", "e2e.json");
  rmSync(out, { force: true });
  const { ok, hung } = await run("playwright: e2e (Chromium)", process.execPath, [join(root, "node_modules/@playwright/test/cli.js"), "test"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
  });
  if (hung) failedTests.push(`e2e: hung (no output for ${IDLE_LIMIT_TEXT})`);
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, "utf8"));
    collectPlaywrightFailures(report.suites ?? []);
    const stats = report.stats;
    totals.passed += stats.expected;
    totals.failed += stats.unexpected;
    totals.skipped += stats.skipped;
    totals.passed += stats.flaky;
  } else if (!ok) totals.failed += 1;
  if (!ok) failedSuites.push("e2e");
}

console.log("\n=== summary ===");
for (const line of skippedSuites) console.warn(`  ${line}`);
for (const label of hungSuites) console.warn(`  HUNG ONCE ${label}: no output for ${IDLE_LIMIT_TEXT}, killed and run again (its processes are listed above)`);
for (const name of failedTests.slice(0, 60)) console.error(`  FAILED ${name}`);
if (failedTests.length > 60) console.error(`  … and ${failedTests.length - 60} more`);
if (failedSuites.length) console.error(`  failed suites: ${failedSuites.join(", ")}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSuites.length === 0 && totals.failed === 0 ? 0 : 1);
