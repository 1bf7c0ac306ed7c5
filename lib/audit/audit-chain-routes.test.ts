// The chain's admin API: verify (its old fields kept, the checkpoint and key id added, an optional
// anchor), the cheap checkpoint read for outside monitors, and the re-seal that accepts a break.
import { beforeAll, describe, expect, it } from "vitest";
import { db, isPostgres } from "../db";
import { ensureDefaultOrg } from "../org/default-org";
import { uniqueSuffix } from "../../test/support/test-ids";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor } from "../http/admin-test-support";
import { appendAudit } from "./append-audit";
import { currentAuditKeys } from "./audit-key";
import * as checkpointRoute from "./audit-checkpoint-route";
import * as resealRoute from "./audit-reseal-route";
import { appendThree, inRolledBackTransaction, sql } from "./audit-test-support";
import * as verifyRoute from "./audit-verify-route";
import { sealAuditChainLocked } from "./seal-audit-chain";
import { verifyAuditChain } from "./verify-audit-chain";

let orgId: string;
let anchor: { id: number; hash: string };
beforeAll(async () => {
  enableTestAdminApiKey();
  orgId = await ensureDefaultOrg();
  anchor = await appendAudit({ orgId, actorType: "system", action: "test.anchor", targetType: "test", targetId: uniqueSuffix() });
});

const verify = (query = "") => callRoute(verifyRoute.GET, adminRequest(`/api/admin/audit-log/verify${query}`));

describe("GET /api/admin/audit-log/verify", () => {
  it("keeps every field it had and adds the key id, the signed checkpoint and the accepted gaps", async () => {
    const res = await verify();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: true,
      checked: expect.any(Number),
      lastId: expect.any(Number),
      lastHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      acceptedGaps: 0,
      keyId: currentAuditKeys().keyId,
      checkpoint: { rowCount: expect.any(Number), headId: expect.any(Number), headHash: expect.stringMatching(/^[0-9a-f]{64}$/), keyId: currentAuditKeys().keyId, updatedAt: expect.any(String), signatureValid: true },
    });
    expect(res.body.anchor).toBeUndefined();
  });

  it("checks an anchor recorded earlier: the same hash matches, another one is a break", async () => {
    const same = await verify(`?anchorId=${anchor.id}&anchorHash=${anchor.hash}`);
    expect(same.body).toMatchObject({ ok: true, anchor: { id: anchor.id, hash: anchor.hash, actualHash: anchor.hash, matches: true } });
    const other = "f".repeat(64);
    const rewritten = await verify(`?anchorId=${anchor.id}&anchorHash=${other}`);
    expect(rewritten.body).toMatchObject({ ok: false, reason: "anchor_mismatch", firstBrokenId: anchor.id, anchor: { hash: other, actualHash: anchor.hash, matches: false } });
  });

  it("answers 422 naming the field for a half or malformed anchor", async () => {
    for (const [query, field] of [
      [`?anchorId=${anchor.id}`, "anchorHash"],
      [`?anchorId=0&anchorHash=${anchor.hash}`, "anchorId"],
      [`?anchorId=1&anchorHash=xyz`, "anchorHash"],
    ] as const) {
      const res = await verify(query);
      expect(res.status, query).toBe(422);
      expect(res.body.error).toMatchObject({ code: "validation_failed", field });
    }
  });
});

describe("GET /api/admin/audit-log/checkpoint", () => {
  it("returns the signed head without walking the chain, to admins and viewers only", async () => {
    const res = await callRoute(checkpointRoute.GET, adminRequest("/api/admin/audit-log/checkpoint"));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ keyId: currentAuditKeys().keyId, checkpoint: { signatureValid: true } });
    expect(res.body.checkpoint.headId).toBeGreaterThanOrEqual(anchor.id);
    const viewer = await sessionCookieFor(await createTestUser({ role: "viewer", suffix: uniqueSuffix() }));
    const developer = await sessionCookieFor(await createTestUser({ role: "developer", suffix: uniqueSuffix() }));
    expect((await callRoute(checkpointRoute.GET, adminRequest("/api/admin/audit-log/checkpoint", { auth: viewer }))).status).toBe(200);
    expect((await callRoute(checkpointRoute.GET, adminRequest("/api/admin/audit-log/checkpoint", { auth: developer }))).status).toBe(403);
  });
});

describe("POST /api/admin/audit-log/reseal", () => {
  const reseal = (body: unknown, auth?: { cookie: string }) =>
    callRoute(resealRoute.POST, adminRequest("/api/admin/audit-log/reseal", { method: "POST", body, ...(auth ? { auth } : {}) }));

  it("refuses to seal a chain that verifies (409), a body that does not accept the break (422), and viewers (403)", async () => {
    const intact = await reseal({ acceptBrokenChain: true });
    expect(intact.status).toBe(409);
    expect(intact.body.error.message).toContain("verifies");
    const unconfirmed = await reseal({});
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.body.error.field).toBe("acceptBrokenChain");
    const viewer = await sessionCookieFor(await createTestUser({ role: "viewer", suffix: uniqueSuffix() }));
    expect((await reseal({ acceptBrokenChain: true }, viewer)).status).toBe(403);
  });

  it("seals over a deleted middle row: the gap stays visible as accepted, and the seal entry names the break", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { middle, last } = await appendThree(tx, orgId);
      await sql(tx, 'DELETE FROM "AuditLog" WHERE "id" = ?', middle.id);
      const outcome = await sealAuditChainLocked(tx, { mode: "accept", orgId, actor: { actorType: "user", actorId: "admin-x", actorEmail: "admin@t.local" } }, isPostgres());
      expect(outcome).toMatchObject({ sealed: true, accepted: { reason: "rows_missing", firstBrokenId: last.id } });
      const result = await verifyAuditChain({ client: tx });
      expect(result).toMatchObject({ ok: true, acceptedGaps: 1 });
      // The gap is the only one, so deleting another row now is a break again.
      await sql(tx, 'DELETE FROM "AuditLog" WHERE "id" = ?', last.id - 2);
      expect(await verifyAuditChain({ client: tx })).toMatchObject({ ok: false, reason: "rows_missing" });
    });
    expect(await db().auditLog.count({ where: { action: "audit.chain_resealed", actorId: "admin-x" } })).toBe(0);
  });

  it("seals over deleted newest rows without reusing their ids", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { middle, last } = await appendThree(tx, orgId);
      await sql(tx, 'DELETE FROM "AuditLog" WHERE "id" = ?', last.id);
      const outcome = await sealAuditChainLocked(tx, { mode: "accept", orgId, actor: { actorType: "system" } }, isPostgres());
      expect(outcome).toMatchObject({ sealed: true, eventId: last.id + 1, accepted: { reason: "rows_truncated", firstBrokenId: last.id } });
      const result = await verifyAuditChain({ client: tx, anchor: { id: last.id, hash: last.hash } });
      // The seal's entry links across the deleted id; an anchor taken on that id finds it gone.
      expect(result).toMatchObject({ ok: false, reason: "anchor_mismatch", anchor: { actualHash: null } });
      expect(await verifyAuditChain({ client: tx })).toMatchObject({ ok: true, lastId: last.id + 1, acceptedGaps: 1 });
      expect((await tx.auditLog.findUniqueOrThrow({ where: { id: last.id + 1 } })).prevHash).toBe((await tx.auditLog.findUniqueOrThrow({ where: { id: middle.id } })).hash);
    });
  });
});
