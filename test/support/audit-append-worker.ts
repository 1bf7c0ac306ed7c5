// A separate OS process that appends to the audit chain (for lib/audit/append-audit-processes.test.ts):
// prints "ready", waits for "go" on stdin so that every worker starts at once, appends COUNT entries
// concurrently without the in-process queue, prints their ids and hashes as JSON, and exits.
import { createInterface } from "node:readline";
import { appendAuditUnqueued } from "../../lib/audit/append-audit";
import { disconnectDb } from "../../lib/db";

const count = Number(process.env.AUDIT_WORKER_COUNT ?? "10");
const orgId = process.env.AUDIT_WORKER_ORG ?? "";
const name = process.env.AUDIT_WORKER_NAME ?? String(process.pid);

const lines = createInterface({ input: process.stdin });
console.log("ready");
lines.once("line", async () => {
  const appended = await Promise.all(
    Array.from({ length: count }, (_, i) => appendAuditUnqueued({ orgId, actorType: "system", action: `test.process_${i}`, targetType: "worker", targetId: name })),
  );
  console.log(JSON.stringify(appended));
  await disconnectDb();
  lines.close();
});
