// Every checked-in migration, applied to an empty database, must produce exactly what
// prisma/schema.prisma describes — on the database this suite runs against.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { renderPostgresSchema } from "../../scripts/prisma.mjs";
import { readFileSync } from "node:fs";

const root = path.resolve(__dirname, "../..");
const isPostgres = /^postgres/.test(process.env.DATABASE_URL ?? "");

async function freshDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!isPostgres) {
    const file = path.join(root, "data", "test", `drift-${process.pid}.db`);
    mkdirSync(path.dirname(file), { recursive: true });
    rmSync(file, { force: true });
    return { url: `file:${file}`, drop: async () => rmSync(file, { force: true }) };
  }
  const admin = new URL(process.env.DATABASE_URL!);
  const name = `tollgate_drift_${process.pid}`;
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

describe(`migrations (${isPostgres ? "postgresql" : "sqlite"})`, () => {
  it("the PostgreSQL schema is the rendering of prisma/schema.prisma", () => {
    expect(readFileSync(path.join(root, "prisma/postgresql/schema.prisma"), "utf8")).toBe(renderPostgresSchema());
  });

  it("applied to an empty database, match the schema exactly", async () => {
    const { url, drop } = await freshDatabaseUrl();
    try {
      const out = execFileSync(process.execPath, [path.join(root, "scripts/prisma.mjs"), "check-drift"], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url },
        encoding: "utf8",
      });
      expect(out).toMatch(/already in sync/);
    } finally {
      await drop();
    }
  }, 120_000);
});
