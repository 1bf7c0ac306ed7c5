// The routing_deployments migration on a database that already has models: every model a provider
// serves becomes a model with one deployment (same provider and upstream model, weight 1, priority
// 0, active), and a price-list entry without a provider gets none — on the database this suite runs
// against (SQLite or PostgreSQL), applying the checked-in SQL files in order.
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const isPostgres = /^postgres/.test(process.env.DATABASE_URL ?? "");
const provider = isPostgres ? "postgresql" : "sqlite";
const dir = path.join(root, "prisma", "migrations", provider);
const migrations = readdirSync(dir).filter((name) => /^\d{14}_/.test(name)).sort();
const routing = migrations.findIndex((name) => name.endsWith("_routing_deployments"));
const sqlOf = (name: string) => readFileSync(path.join(dir, name, "migration.sql"), "utf8");

interface Sql {
  exec(sql: string): Promise<void>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

async function freshDatabase(): Promise<Sql> {
  if (!isPostgres) {
    const file = path.join(root, "data", "test", `routing-migration-${process.pid}.db`);
    mkdirSync(path.dirname(file), { recursive: true });
    rmSync(file, { force: true });
    const db = new Database(file);
    return {
      exec: async (sql) => void db.exec(sql),
      rows: async (sql) => db.prepare(sql).all() as Record<string, unknown>[],
      close: async () => {
        db.close();
        rmSync(file, { force: true });
      },
    };
  }
  const admin = new URL(process.env.DATABASE_URL!);
  admin.pathname = "/postgres";
  const name = `tollgate_routing_migration_${process.pid}`;
  const server = new pg.Client({ connectionString: admin.toString() });
  await server.connect();
  await server.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await server.query(`CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    exec: async (sql) => void (await client.query(sql)),
    rows: async (sql) => (await client.query(sql)).rows,
    close: async () => {
      await client.end();
      await server.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await server.end();
    },
  };
}

describe(`the routing_deployments migration (${provider})`, () => {
  it("gives every model a provider serves one deployment, and nothing else changes how it routes", async () => {
    expect(routing).toBeGreaterThan(0);
    const db = await freshDatabase();
    try {
      for (const name of migrations.slice(0, routing)) await db.exec(sqlOf(name));
      const now = isPostgres ? "CURRENT_TIMESTAMP" : "'2026-12-01T00:00:00.000+00:00'";
      await db.exec(`INSERT INTO "Organization" ("id", "name", "createdAt") VALUES ('org_1', 'Org', ${now})`);
      await db.exec(
        `INSERT INTO "Provider" ("id", "orgId", "name", "kind", "baseUrl", "encryptedApiKey", "createdAt", "updatedAt") ` +
          `VALUES ('prov_1', 'org_1', 'openai-eu', 'openai', NULL, 'v1:x', ${now}, ${now})`,
      );
      await db.exec(
        `INSERT INTO "Model" ("id", "orgId", "name", "providerId", "upstreamModel", "inputPricePerMTok", "outputPricePerMTok", "enabled", "createdAt", "updatedAt") VALUES ` +
          `('model_served', 'org_1', 'gpt-4o', 'prov_1', 'gpt-4o-2024-08-06', 2500000, 10000000, true, ${now}, ${now}), ` +
          `('model_listed', 'org_1', 'claude-opus-4-1', NULL, 'claude-opus-4-1', 15000000, 75000000, true, ${now}, ${now})`,
      );
      await db.exec(sqlOf(migrations[routing]));

      const deployments = await db.rows(`SELECT "id", "orgId", "modelId", "providerId", "upstreamModel", "weight", "priority", "state", "maxConcurrency", "inputPricePerMTok" FROM "Deployment"`);
      expect(deployments).toEqual([
        { id: "dep_model_served", orgId: "org_1", modelId: "model_served", providerId: "prov_1", upstreamModel: "gpt-4o-2024-08-06", weight: 1, priority: 0, state: "active", maxConcurrency: null, inputPricePerMTok: null },
      ]);
      const models = await db.rows(`SELECT "id", "providerId", "routingStrategy", "maxRetries", "fallbackModels", "router" FROM "Model" ORDER BY "id"`);
      expect(models).toEqual([
        { id: "model_listed", providerId: null, routingStrategy: "priority", maxRetries: 2, fallbackModels: "[]", router: null },
        { id: "model_served", providerId: "prov_1", routingStrategy: "priority", maxRetries: 2, fallbackModels: "[]", router: null },
      ]);
      // The migrations after it apply on top.
      for (const name of migrations.slice(routing + 1)) await db.exec(sqlOf(name));
      expect(await db.rows(`SELECT "id" FROM "Deployment"`)).toEqual([{ id: "dep_model_served" }]);
    } finally {
      await db.close();
    }
  }, 60_000);
});
