// The configuration file without a database: YAML positions, ${VAR} references and literal
// credentials, the admin API's schemas at the file's lines, references, the plan against a given
// state (create / update / unchanged / unmanage / delete) and how it is printed.
import { describe, expect, it } from "vitest";
import { buildPlan, type ConfigPlan } from "./build-plan";
import { checkReferences } from "./check-references";
import { ConfigFileError, formatIssues } from "./config-errors";
import type { ConfigFileSpec } from "./config-types";
import type { CurrentState, Stored } from "./current-state";
import { formatPlan } from "./format-plan";
import { readConfigText } from "./read-config-text";
import type { YamlSource } from "./yaml-source";

const ENV = { OPENAI_API_KEY: "sk-from-env", REGION: "eu", HOOK_SECRET: "hook-secret" };

const ISSUE_EXAMPLE = `providers:
  - name: openai-main
    kind: openai
    baseUrl: https://api.openai.com/v1
    apiKey: \${OPENAI_API_KEY}
models:
  - name: gpt-4o-mini
    provider: openai-main          # a provider of this file or of the database, by name
    upstreamModel: gpt-4o-mini
    inputPricePerMTok: 0.15
    outputPricePerMTok: 0.6
teams:
  - name: search
`;

/** Every problem as "line:column path: message". */
const where = (issues: { line: number | null; column: number | null; path: string; message: string }[]) => issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);

function load(yaml: string, env: Record<string, string | undefined> = ENV): { source: YamlSource; spec: ConfigFileSpec | null; issues: string[] } {
  const checked = readConfigText(yaml, env);
  return { source: checked.source as YamlSource, spec: checked.spec, issues: where(checked.issues) };
}

function emptyState(): CurrentState {
  return { orgId: "org", providers: new Map(), teams: new Map(), models: new Map(), quotas: [], rateLimits: [], alertRules: [], cacheSettings: null, users: new Map(), keys: [] };
}

/** The database as a previous apply of `spec` left it: every item stored and managed by the file. */
function stateOf(spec: ConfigFileSpec, managedBy: string | null = "config-file"): CurrentState {
  const stored = <T>(id: string, value: T): Stored<T> => ({ id, managedBy, spec: structuredClone(value) });
  const state = emptyState();
  for (const p of spec.providers) state.providers.set(p.spec.name, stored(`p-${p.spec.name}`, p.spec));
  for (const t of spec.teams) state.teams.set(t.spec.name, stored(`t-${t.spec.name}`, t.spec));
  for (const m of spec.models) state.models.set(m.spec.name, { ...stored(`m-${m.spec.name}`, m.spec), isRouter: false, enabled: true, providerKinds: ["openai"] });
  return state;
}

function plan(yaml: string, state: CurrentState): ConfigPlan {
  const { source, spec, issues } = load(yaml);
  expect(issues).toEqual([]);
  const references = checkReferences(source, spec!, state, { providers: new Set(), teams: new Set(), models: new Set() });
  expect(where(references.issues)).toEqual([]);
  return buildPlan(spec!, state, references.targets);
}

const summary = (p: ConfigPlan) => p.items.map((i) => `${i.action} ${i.kind} ${i.name}${i.changes.length ? ` (${i.changes.join(", ")})` : ""}`);

describe("reading the file", () => {
  it("reads the issue's example with the admin API's field names, the credential taken from the environment", () => {
    const { spec, issues } = load(ISSUE_EXAMPLE);
    expect(issues).toEqual([]);
    expect(spec!.providers[0].spec).toEqual({ name: "openai-main", kind: "openai", baseUrl: "https://api.openai.com/v1", apiKey: "sk-from-env" });
    expect(spec!.models[0].spec).toMatchObject({ name: "gpt-4o-mini", upstreamModel: "gpt-4o-mini", fields: { inputPricePerMTok: 0.15, outputPricePerMTok: 0.6, enabled: true } });
    expect(spec!.models[0].spec.routing.deployments).toEqual([{ provider: "openai-main", fields: expect.objectContaining({ upstreamModel: "gpt-4o-mini", weight: 1, priority: 0, state: "active" }) }]);
    expect(spec!.teams.map((t) => t.spec.name)).toEqual(["search"]);
  });

  it("an empty file asks for nothing", () => {
    expect(load("").spec).toMatchObject({ providers: [], models: [], teams: [], cacheSettings: null, prune: false });
  });

  it("reports a YAML syntax error at its line", () => {
    const { spec, issues } = load("providers:\n  - name: a\n    kind: [openai\nteams: []\n");
    expect(spec).toBeNull();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^[3-4]:\d+ : /);
  });

  it("reports a key given twice", () => {
    expect(load("teams:\n  - name: a\nteams:\n  - name: b\n").issues).toEqual([expect.stringMatching(/^3:1 : Map keys must be unique/)]);
  });
});

describe("credentials and ${VAR} references", () => {
  it("refuses a literal apiKey at its line, without repeating it", () => {
    const { issues } = load("providers:\n  - name: a\n    kind: openai\n    apiKey: sk-live-123\n");
    expect(issues).toEqual([
      "4:13 providers[0].apiKey: a credential must be a reference to an environment variable, such as ${OPENAI_API_KEY}: the file is meant for git, so literal secrets are refused.",
    ]);
  });

  it("refuses a credential that is a reference inside other text, or not a string", () => {
    const { issues } = load("providers:\n  - name: a\n    kind: openai\n    apiKey: sk-${OPENAI_API_KEY}\n  - name: b\n    kind: openai\n    apiKey: 12345\n");
    expect(issues.map((i) => i.split(": ")[0])).toEqual(["4:13 providers[0].apiKey", "7:13 providers[1].apiKey"]);
  });

  it("names a variable the environment does not set", () => {
    expect(load("providers:\n  - name: a\n    kind: openai\n    apiKey: ${NOT_SET}\n").issues).toEqual([
      "4:13 providers[0].apiKey: the environment variable NOT_SET is not set (referenced as ${NOT_SET}).",
    ]);
  });

  it("substitutes references in other strings, and $${ writes a literal ${", () => {
    const { spec, issues } = load("providers:\n  - name: a\n    kind: openai-compatible\n    baseUrl: https://${REGION}.example.test/v1\n    apiKey: ${OPENAI_API_KEY}\nteams:\n  - name: t-$${x}\n");
    expect(issues).toEqual([]);
    expect(spec!.providers[0].spec.baseUrl).toBe("https://eu.example.test/v1");
    expect(spec!.teams[0].spec.name).toBe("t-${x}");
  });

  it("refuses a malformed reference", () => {
    expect(load("teams:\n  - name: t-${not valid}\n").issues).toEqual([expect.stringMatching(/^2:11 teams\[0\]\.name: `\$\{not valid\}` is not a reference/)]);
  });

  it("treats a webhook's secret and a Slack URL as credentials, not a webhook's URL", () => {
    const yaml = [
      "alertRules:",
      "  - name: spend",
      "    scope: org",
      "    metric: spend",
      "    thresholds: [10]",
      "    channels:",
      "      - type: webhook",
      "        url: https://hooks.example.test/a",
      "        secret: plain-secret",
      "      - type: slack",
      "        url: https://hooks.slack.com/services/T/B/X",
      "      - type: webhook",
      "        url: https://hooks.example.test/b",
      "        secret: ${HOOK_SECRET}",
    ].join("\n");
    expect(load(yaml).issues.map((i) => i.split(": ")[0])).toEqual(["9:17 alertRules[0].channels[0].secret", "11:14 alertRules[0].channels[1].url"]);
  });
});

describe("the admin API's schemas, at the file's lines", () => {
  it("reports unknown fields at the key, the API's validation at the value, and keeps going through the file", () => {
    const yaml = [
      "version: 1",
      "providers:",
      "  - name: a",
      "    kind: openai",
      "    apiKey: ${OPENAI_API_KEY}",
      "    region: eu",
      "models:",
      "  - name: m",
      "    provider: a",
      "    upstreamModel: gpt-4o",
      "    inputPricePerMTok: -1",
      "    outputPricePerMTok: 1",
      "cacheSettings:",
      "  ttlSeconds: 60",
      "  colour: blue",
      "colours: [blue]",
    ].join("\n");
    const { spec, issues } = load(yaml);
    expect(spec).toBeNull();
    expect(issues).toEqual([
      "6:5 providers[0].region: unknown field; expected one of name, kind, baseUrl, apiKey.",
      expect.stringMatching(/^11:24 models\[0\]\.inputPricePerMTok: /),
      "15:3 cacheSettings.colour: unknown field.",
      "16:1 colours: unknown field; expected one of version, prune, providers, teams, models, quotas, rateLimits, alertRules, cacheSettings.",
    ]);
  });

  it("refuses the same name twice, pointing to the first", () => {
    expect(load("teams:\n  - name: a\n  - name: b\n  - name: a\n").issues).toEqual(['4:5 teams[2]: a team named "a" is already defined at teams.0.']);
  });

  it("refuses a model with both provider and routing.deployments", () => {
    const yaml = "models:\n  - name: m\n    provider: a\n    inputPricePerMTok: 1\n    outputPricePerMTok: 1\n    routing:\n      strategy: priority\n      deployments:\n        - provider: a\n          upstreamModel: x\n";
    expect(load(yaml).issues).toEqual(["3:15 models[0].provider: give either provider (the model's one deployment) or routing.deployments, not both."]);
  });

  it("refuses a version other than 1 and a prune that is not a boolean", () => {
    expect(load("version: 2\nprune: yes please\n").issues).toEqual(["1:10 version: must be 1 (the only version there is).", "2:8 prune: must be true or false."]);
  });

  it("checks references against the file and the database", () => {
    const yaml = "models:\n  - name: m\n    provider: nobody\n    upstreamModel: x\n    inputPricePerMTok: 1\n    outputPricePerMTok: 1\nquotas:\n  - scope: team\n    scopeName: ghosts\n    period: monthly\n    maxCalls: 5\n";
    const { source, spec } = load(yaml);
    const references = checkReferences(source, spec!, emptyState(), { providers: new Set(), teams: new Set(), models: new Set() });
    expect(where(references.issues)).toEqual([
      '3:15 models[0].provider: no provider named "nobody" in this file or the database.',
      '9:16 quotas[0].scopeName: no team named "ghosts" in this file or the database.',
    ]);
  });
});

describe("the plan", () => {
  it("creates everything in an empty database", () => {
    expect(summary(plan(ISSUE_EXAMPLE, emptyState()))).toEqual(["create provider openai-main", "create team search", "create model gpt-4o-mini"]);
  });

  it("finds a database the file wrote unchanged, prices compared in micro-dollars", () => {
    const state = stateOf(load(ISSUE_EXAMPLE).spec!);
    // What the database gives back: 0.15 dollars stored as 150000 micro-dollars and read back.
    state.models.get("gpt-4o-mini")!.spec.fields.inputPricePerMTok = 0.1 + 0.05;
    expect(summary(plan(ISSUE_EXAMPLE, state))).toEqual(["unchanged provider openai-main", "unchanged team search", "unchanged model gpt-4o-mini"]);
  });

  it("updates only the fields that differ, credentials named and never shown", () => {
    const state = stateOf(load(ISSUE_EXAMPLE).spec!);
    state.providers.get("openai-main")!.spec.apiKey = "sk-old";
    const changed = ISSUE_EXAMPLE.replace("outputPricePerMTok: 0.6", "outputPricePerMTok: 0.8").replace("upstreamModel: gpt-4o-mini", "upstreamModel: gpt-4o-mini-2024");
    const result = plan(changed, state);
    expect(summary(result)).toEqual([
      "update provider openai-main (apiKey)",
      "unchanged team search",
      "update model gpt-4o-mini (outputPricePerMTok, upstreamModel, routing.deployments)",
    ]);
    const printed = formatPlan(result);
    expect(printed).not.toContain("sk-from-env");
    expect(printed).not.toContain("sk-old");
    expect(printed.split("\n")).toEqual([
      "  ~ provider openai-main  update: apiKey",
      "  = team search           unchanged",
      "  ~ model gpt-4o-mini     update: outputPricePerMTok, upstreamModel, routing.deployments",
      "0 to create, 2 to update, 1 unchanged, 0 to unmanage, 0 to delete.",
    ]);
  });

  it("takes over what the console made: an update of managedBy only", () => {
    const state = stateOf(load(ISSUE_EXAMPLE).spec!, null);
    expect(summary(plan(ISSUE_EXAMPLE, state))).toEqual(["update provider openai-main (managedBy)", "update team search (managedBy)", "update model gpt-4o-mini (managedBy)"]);
  });

  it("unmanages what the file no longer lists, deletes it with prune: true, and leaves the console's own items alone", () => {
    const state = stateOf(load(ISSUE_EXAMPLE).spec!);
    state.teams.set("console-team", { id: "t-console", managedBy: null, spec: { name: "console-team" } });
    const withoutTeam = ISSUE_EXAMPLE.replace("teams:\n  - name: search\n", "");
    expect(summary(plan(withoutTeam, state))).toEqual(["unchanged provider openai-main", "unchanged model gpt-4o-mini", "unmanage team search"]);
    expect(summary(plan(`prune: true\n${withoutTeam}`, state))).toEqual(["unchanged provider openai-main", "unchanged model gpt-4o-mini", "delete team search"]);
  });
});

describe("errors", () => {
  it("a ConfigFileError lists every problem with the file, line and column, and says nothing was applied", () => {
    const issues = [
      { path: "providers[0].apiKey", line: 4, column: 13, message: "a credential must be a reference." },
      { path: "", line: null, column: null, message: "the file does not exist" },
    ];
    const error = new ConfigFileError("config/tollgate.yaml", issues);
    expect(error.message).toBe(formatIssues("config/tollgate.yaml", issues));
    expect(error.message.split("\n")).toEqual([
      "config/tollgate.yaml: 2 problems; nothing was applied.",
      "  config/tollgate.yaml:4:13: providers[0].apiKey: a credential must be a reference.",
      "  config/tollgate.yaml: the file does not exist",
    ]);
  });
});
