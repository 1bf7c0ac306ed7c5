// Existing installs: a log written with the unkeyed (plain SHA-256) chain, migrated by the project's
// real migration files in a database of its own, is verified and re-sealed under the key at
// start-up, once, with a log line and an audit entry; a log that does not verify is left alone.
// Then a rotation of TOLLGATE_SECRET with TOLLGATE_PREVIOUS_SECRET, and a start with a lost secret.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "../db";
import { env } from "../env";
import { logger } from "../logger";
import { appendAuditLocked } from "./append-audit";
import { GENESIS_HASH, keyedRowHasher, legacyRowHash } from "./audit-hash";
import { LEGACY_KEY_ID, readCheckpoint } from "./audit-checkpoint";
import { deriveAuditKeys } from "./audit-key";
import { withAuditWriteLock } from "./audit-write-lock";
import { createScratchDatabase, type ScratchDatabase } from "./scratch-database";
import { sealAuditChain } from "./seal-audit-chain";
import { sealAuditChainAtStart } from "./seal-audit-chain-at-start";
import { verifyAuditChain } from "./verify-audit-chain";

const MIGRATION = "audit_checkpoint";
const keys = deriveAuditKeys("the-secret-of-this-install-0123456789abcdef");
const orgId = "org-legacy";

let scratch: ScratchDatabase;
let client: Db;
beforeEach(async () => {
  scratch = await createScratchDatabase(env().DATABASE_URL);
  client = scratch.client;
  await scratch.migrate({ before: MIGRATION });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await scratch.drop();
});

/** Rows as the appender wrote them before the chain was keyed. */
async function writeLegacyRows(count: number, from = { id: 0, hash: GENESIS_HASH }) {
  let previous = from;
  for (let i = 0; i < count; i++) {
    const row = {
      id: previous.id + 1, orgId, actorType: "user", actorId: "u1", actorEmail: "old@t.local", action: `team.update`, targetType: "team", targetId: `t${i}`,
      before: JSON.stringify({ name: `n${i}` }), after: JSON.stringify({ name: `n${i + 1}` }), ip: "10.0.0.1", userAgent: "old", createdAt: new Date(Date.UTC(2026, 10, 1, 12, 0, i)), prevHash: previous.hash,
    };
    const hash = legacyRowHash(row);
    await client.auditLog.create({ data: { ...row, hash } });
    previous = { id: row.id, hash };
  }
  return previous;
}

const appendWith = (appendKeys = keys) =>
  withAuditWriteLock((tx) => appendAuditLocked(tx, { orgId, actorType: "system", action: "test.after_seal" }, appendKeys), { root: client });

describe("the migration to the keyed chain", () => {
  it("marks a log that has rows, and start-up verifies and re-seals it once, logged and audited", async () => {
    const oldHead = await writeLegacyRows(5);
    await scratch.migrate({ from: MIGRATION });
    expect(await readCheckpoint(client)).toMatchObject({ keyId: LEGACY_KEY_ID, rowCount: 5, headId: 5, headHash: oldHead.hash, signature: "" });
    expect(await verifyAuditChain({ client, keys })).toMatchObject({ ok: false, reason: "chain_unsealed", checked: 5 });
    await expect(appendWith()).rejects.toMatchObject({ problem: "chain_unsealed" });

    const info = vi.spyOn(logger(), "info");
    const before = await client.auditLog.findMany({ orderBy: { id: "asc" } });
    expect(await sealAuditChainAtStart({ orgId, root: client, keys, previousKeys: null })).toBe("sealed");
    expect(info).toHaveBeenCalledWith(expect.objectContaining({ mode: "legacy", rows: 5, eventId: 6, previousHead: oldHead }), "audit.chain_resealed");

    const result = await verifyAuditChain({ client, keys });
    expect(result).toMatchObject({ ok: true, checked: 6, lastId: 6, acceptedGaps: 0, checkpoint: { rowCount: 6, headId: 6, keyId: keys.keyId, signatureValid: true } });
    const after = await client.auditLog.findMany({ orderBy: { id: "asc" } });
    // The same rows, content untouched, now under the keyed hash; the seal is the newest entry.
    const content = ({ prevHash: _prevHash, hash: _hash, ...rest }: (typeof before)[number]) => rest;
    expect(after.slice(0, 5).map(content)).toEqual(before.map(content));
    for (const row of after) expect(row.hash).toBe(keyedRowHasher(keys.rowKey)(row));
    expect(after[5]).toMatchObject({ action: "audit.chain_resealed", actorType: "system", targetType: "audit_log" });
    expect(JSON.parse(after[5].after!)).toEqual({
      mode: "legacy", verified: true, rows: 5, previousHead: oldHead, previousKeyId: LEGACY_KEY_ID, keyId: keys.keyId, accepted: null,
    });

    // Once only: the next start finds a keyed log, and appends build on it.
    expect(await sealAuditChainAtStart({ orgId, root: client, keys, previousKeys: null })).toBe("none");
    await appendWith();
    expect(await verifyAuditChain({ client, keys })).toMatchObject({ ok: true, checked: 7 });
  });

  it("seals rows that replicas still on the old version appended after the marker", async () => {
    const head = await writeLegacyRows(3);
    await scratch.migrate({ from: MIGRATION });
    await writeLegacyRows(2, head);
    expect(await sealAuditChainAtStart({ orgId, root: client, keys, previousKeys: null })).toBe("sealed");
    expect(await verifyAuditChain({ client, keys })).toMatchObject({ ok: true, checked: 6 });
  });

  it("leaves no marker in a database without audit rows: the first append starts the keyed chain", async () => {
    await scratch.migrate({ from: MIGRATION });
    expect(await readCheckpoint(client)).toBeNull();
    expect(await sealAuditChainAtStart({ orgId, root: client, keys, previousKeys: null })).toBe("none");
    await appendWith();
    expect(await verifyAuditChain({ client, keys })).toMatchObject({ ok: true, checked: 1, checkpoint: { headId: 1, signatureValid: true } });
  });

  it("does not seal a log whose old chain is broken, logs why, and lets an admin accept it as it is", async () => {
    await writeLegacyRows(4);
    await client.auditLog.update({ where: { id: 2 }, data: { action: "team.delete" } });
    await scratch.migrate({ from: MIGRATION });
    const error = vi.spyOn(logger(), "error");
    expect(await sealAuditChainAtStart({ orgId, root: client, keys, previousKeys: null })).toBe("not_verified");
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ mode: "legacy", verify: expect.objectContaining({ reason: "row_altered", firstBrokenId: 2 }) }), expect.stringMatching(/^audit\.chain_not_sealed/));
    expect(await readCheckpoint(client)).toMatchObject({ keyId: LEGACY_KEY_ID });
    expect(await verifyAuditChain({ client, keys })).toMatchObject({ ok: false, reason: "row_altered", firstBrokenId: 2 });

    const accepted = await sealAuditChain({ mode: "accept", orgId, actor: { actorType: "user", actorId: "admin-1", actorEmail: "admin@t.local" }, root: client, keys });
    expect(accepted).toMatchObject({ sealed: true, rows: 4, eventId: 5, accepted: { reason: "row_altered", firstBrokenId: 2 } });
    expect(await verifyAuditChain({ client, keys })).toMatchObject({ ok: true, checked: 5 });
    const event = await client.auditLog.findUniqueOrThrow({ where: { id: 5 } });
    expect(event).toMatchObject({ actorId: "admin-1", action: "audit.chain_resealed" });
    expect(JSON.parse(event.after!)).toMatchObject({ mode: "accept", verified: false, accepted: { reason: "row_altered", firstBrokenId: 2 } });
  });

  it("does not seal a log cut short after it was marked", async () => {
    await writeLegacyRows(4);
    await scratch.migrate({ from: MIGRATION });
    await client.auditLog.deleteMany({ where: { id: { gt: 2 } } });
    expect(await sealAuditChainAtStart({ orgId, root: client, keys, previousKeys: null })).toBe("not_verified");
    expect(await verifyAuditChain({ client, keys })).toMatchObject({ ok: false, reason: "rows_truncated", firstBrokenId: 3 });
  });
});

describe("rotating TOLLGATE_SECRET", () => {
  const rotated = deriveAuditKeys("the-new-secret-after-rotation-0123456789ab");

  async function keyedLog() {
    await scratch.migrate({ from: MIGRATION });
    for (let i = 0; i < 3; i++) await appendWith();
  }

  it("re-seals a log signed with TOLLGATE_PREVIOUS_SECRET under the new secret", async () => {
    await keyedLog();
    const oldHead = (await verifyAuditChain({ client, keys })) as { lastId: number; lastHash: string };
    expect(await verifyAuditChain({ client, keys: rotated })).toMatchObject({ ok: false, reason: "key_mismatch" });
    expect(await sealAuditChainAtStart({ orgId, root: client, keys: rotated, previousKeys: keys })).toBe("sealed");
    expect(await verifyAuditChain({ client, keys: rotated })).toMatchObject({ ok: true, checked: 4, keyId: rotated.keyId });
    const event = await client.auditLog.findUniqueOrThrow({ where: { id: 4 } });
    expect(JSON.parse(event.after!)).toMatchObject({ mode: "rotation", verified: true, previousHead: { id: oldHead.lastId, hash: oldHead.lastHash }, previousKeyId: keys.keyId, keyId: rotated.keyId });
    await appendWith(rotated);
    expect(await verifyAuditChain({ client, keys })).toMatchObject({ ok: false, reason: "key_mismatch" });
  });

  it("does not re-seal when the log does not verify under the previous secret", async () => {
    await keyedLog();
    await client.auditLog.deleteMany({ where: { id: 3 } });
    expect(await sealAuditChainAtStart({ orgId, root: client, keys: rotated, previousKeys: keys })).toBe("not_verified");
    expect(await readCheckpoint(client)).toMatchObject({ keyId: keys.keyId });
  });

  it("refuses appends and says what to do when the secret changed and the old one is not given", async () => {
    await keyedLog();
    const error = vi.spyOn(logger(), "error");
    expect(await sealAuditChainAtStart({ orgId, root: client, keys: rotated, previousKeys: null })).toBe("key_mismatch");
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ checkpointKeyId: keys.keyId, keyId: rotated.keyId }), expect.stringContaining("TOLLGATE_PREVIOUS_SECRET"));
    await expect(appendWith(rotated)).rejects.toMatchObject({ problem: "key_mismatch" });
    // The way out when the old secret is lost: accept the log as it is, on the record.
    const outcome = await sealAuditChain({ mode: "accept", orgId, actor: { actorType: "admin-api-key", actorId: "admin-api-key" }, root: client, keys: rotated });
    expect(outcome).toMatchObject({ sealed: true, accepted: { reason: "key_mismatch" } });
    expect(await verifyAuditChain({ client, keys: rotated })).toMatchObject({ ok: true, checked: 4 });
  });
});
