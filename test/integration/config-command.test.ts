// The configuration file's commands as an operator runs them (`node scripts/config.mjs`, what
// `npm run config:apply` / `config:export` run) on the test database: the plan printed first and
// nothing written on a dry run, a bad file refused with its path and line (exit 1), and the export
// written as a file whose credentials are ${VAR} references.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ensureDefaultOrg } from "@/lib/org/default-org";
import { uniqueSuffix } from "../support/test-ids";

const repo = resolve(__dirname, "../..");
const run = uniqueSuffix();
let dir: string;

function config(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(repo, "scripts", "config.mjs"), ...args], {
    cwd: repo,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tollgate-config-command-"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run config:apply / config:export", () => {
  it("prints the plan of a dry run and writes nothing", async () => {
    const file = join(dir, "tollgate.yaml");
    writeFileSync(file, `providers:\n  - name: cli-${run}\n    kind: openai\n    apiKey: \${CLI_TEST_KEY}\nteams:\n  - name: cli-${run}\n`);
    const result = config(["apply", "--dry-run", "--file", file], { CLI_TEST_KEY: `sk-cli-${run}` });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Plan for ${file}:`);
    expect(result.stdout).toMatch(new RegExp(`\\+ provider cli-${run} +create`));
    expect(result.stdout).toMatch(new RegExp(`\\+ team cli-${run} +create`));
    expect(result.stdout).toContain("Dry run: nothing was written.");
    expect(result.stdout).not.toContain(`sk-cli-${run}`);
    const orgId = await ensureDefaultOrg();
    expect(await db().team.count({ where: { orgId, name: `cli-${run}` } })).toBe(0);
  });

  it("refuses a bad file with its path and line, and exit code 1", () => {
    const file = join(dir, "bad.yaml");
    writeFileSync(file, `teams:\n  - name: ok-${run}\nproviders:\n  - name: cli-bad-${run}\n    kind: openai\n    apiKey: sk-literal-${run}\n`);
    const result = config(["apply", "--apply", "--file", file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`${file}: 1 problem; nothing was applied.`);
    expect(result.stderr).toContain(`${file}:6:13: providers[0].apiKey: a credential must be a reference to an environment variable`);
    expect(result.stderr).not.toContain(`sk-literal-${run}`);
  });

  it("writes the export to a file, credentials as ${VAR} references, and keeps an existing file", async () => {
    const orgId = await ensureDefaultOrg();
    await db().provider.create({ data: { orgId, name: `cli-export-${run}`, kind: "openai", encryptedApiKey: "v1:not:a:real-key" } });
    const output = join(dir, "exported.yaml");
    const result = config(["export", "--output", output]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`Wrote ${output}.`);
    const yaml = readFileSync(output, "utf8");
    expect(yaml).toContain(`- name: cli-export-${run}`);
    const variable = `CLI_EXPORT_${run.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_API_KEY`.replace(/_+/g, "_");
    expect(yaml).toContain(`apiKey: \${${variable}}`);
    // Every credential of the file is a reference.
    for (const line of yaml.split("\n").filter((l) => /^\s*apiKey:/.test(l))) expect(line).toMatch(/apiKey: \$\{[A-Z0-9_]+\}/);

    const again = config(["export", "--output", output]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("exists; add --force to overwrite it.");
    expect(existsSync(output)).toBe(true);
  });
});
