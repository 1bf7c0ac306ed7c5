// Several OS processes appending to one chain at once (replicas on one PostgreSQL, or processes on
// one SQLite file): every append lands exactly once, the chain has no fork, and the checkpoint
// covers the newest row.
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { ensureDefaultOrg } from "../org/default-org";
import { uniqueSuffix } from "../../test/support/test-ids";
import { GENESIS_HASH, keyedRowHasher } from "./audit-hash";
import { currentAuditKeys } from "./audit-key";
import { verifyAuditChain } from "./verify-audit-chain";

const ROOT = path.resolve(__dirname, "../..");
const WORKERS = 3;
const PER_WORKER = 15;

let orgId: string;
beforeAll(async () => {
  orgId = await ensureDefaultOrg();
});

interface Worker {
  go(): void;
  result: Promise<{ id: number; hash: string }[]>;
}

function startWorker(name: string): Promise<Worker> {
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "test/support/audit-append-worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, AUDIT_WORKER_COUNT: String(PER_WORKER), AUDIT_WORKER_ORG: orgId, AUDIT_WORKER_NAME: name },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  let resolveResult: (value: { id: number; hash: string }[]) => void;
  const result = new Promise<{ id: number; hash: string }[]>((resolve, reject) => {
    resolveResult = resolve;
    child.once("exit", (code) => reject(new Error(`audit worker ${name} exited with ${code} before answering`)));
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    lines.on("line", (line) => {
      if (line === "ready") resolve({ go: () => child.stdin!.write("go\n"), result });
      else if (line.startsWith("[")) resolveResult(JSON.parse(line));
    });
  });
}

describe("appends from several processes at once", () => {
  it("keep one unbroken, checkpointed chain", async () => {
    const run = uniqueSuffix();
    const workers = await Promise.all(Array.from({ length: WORKERS }, (_, i) => startWorker(`w${i}-${run}`)));
    for (const worker of workers) worker.go();
    const appended = (await Promise.all(workers.map((w) => w.result))).flat();
    expect(new Set(appended.map((a) => a.id)).size).toBe(WORKERS * PER_WORKER);

    const rows = await db().auditLog.findMany({ where: { targetType: "worker", targetId: { endsWith: run } }, orderBy: { id: "asc" } });
    expect(rows).toHaveLength(WORKERS * PER_WORKER);
    const hash = keyedRowHasher(currentAuditKeys().rowKey);
    for (const row of rows) {
      expect(hash(row)).toBe(row.hash);
      // Linked to whatever row precedes it, written by this run or by another test file.
      const previous = row.id === 1 ? { hash: GENESIS_HASH } : await db().auditLog.findUniqueOrThrow({ where: { id: row.id - 1 } });
      expect(row.prevHash).toBe(previous.hash);
    }
    const result = await verifyAuditChain();
    expect(result).toMatchObject({ ok: true, checkpoint: { signatureValid: true } });
    if (result.ok) expect(result.lastId).toBeGreaterThanOrEqual(Math.max(...appended.map((a) => a.id)));
  }, 120_000);
});
