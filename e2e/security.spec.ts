// The console's browser-facing defences on the real server (scripts/start.mjs, the forwarder and
// Next.js in its worker): cross-site requests refused, security headers and a nonce-based CSP that
// the console's pages still run under in Chromium, body limits before Next.js, and client
// addresses that a client cannot choose.
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "../playwright.config";
import { adminApi } from "./support/console-helpers";

const suffix = `${Date.now().toString(36)}s`;
const EVIL = "http://evil.example";
const MiB = 1024 * 1024;

async function userExists(page: Page, email: string): Promise<boolean> {
  const list = await adminApi<{ total: number }>(page, "GET", `/api/admin/users?q=${encodeURIComponent(email)}`);
  return list.total > 0;
}

test.describe("cross-site request forgery", () => {
  test("a text/plain POST from another site cannot create an admin with the admin's cookie", async ({ page }) => {
    const email = `csrf-${suffix}@e2e.test`;
    // page.request carries the signed-in admin's session cookie, like a browser visiting evil.example would.
    const forged = await page.request.post("/api/admin/users", {
      headers: { origin: EVIL, "content-type": "text/plain" },
      data: JSON.stringify({ email, name: "Forged", role: "admin" }),
    });
    expect(forged.status()).toBe(403);
    expect((await forged.json()).error).toMatchObject({ code: "cross_site_request" });
    expect(await userExists(page, email)).toBe(false);
  });

  test("the playground and sign-out refuse another site too; the console's own fetches work", async ({ page }) => {
    const playground = await page.request.post("/api/playground/chat", {
      headers: { origin: EVIL, "content-type": "text/plain" },
      data: JSON.stringify({ model: "any", messages: [{ role: "user", content: "spend my money" }] }),
    });
    expect(playground.status()).toBe(403);
    expect((await playground.json()).error).toMatchObject({ type: "permission_error", code: "cross_site_request" });

    const signOut = await page.request.post("/api/auth/signout", { headers: { origin: EVIL }, form: { csrfToken: "x" } });
    expect(signOut.status()).toBe(403);
    const me = await page.request.get("/api/admin/me");
    expect(me.status(), "the session survived").toBe(200);

    // The same mutation from the console's page (same origin, JSON) goes through.
    await page.goto("/users");
    const email = `same-origin-${suffix}@e2e.test`;
    const status = await page.evaluate(async (body) => {
      const response = await fetch("/api/admin/users", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      return response.status;
    }, { email, name: "Same Origin", role: "viewer" });
    expect(status).toBe(201);
    expect(await userExists(page, email)).toBe(true);
  });
});

test.describe("security headers", () => {
  test("pages carry a per-response nonce CSP that their scripts use, and the frame/sniff/referrer headers", async ({ page }) => {
    const first = await page.goto("/dashboard");
    const headers = first!.headers();
    const csp = headers["content-security-policy"];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(headers).toMatchObject({ "x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "same-origin" });

    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const html = await first!.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    const second = await page.goto("/dashboard");
    expect(second!.headers()["content-security-policy"]).not.toContain(nonce);
  });

  test("API answers allow nothing to render and are not sniffed", async ({ page }) => {
    const response = await page.request.get("/api/admin/me");
    expect(response.headers()).toMatchObject({
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
    });
  });

  test("the console's pages run under the policy: no violations, and they are interactive", async ({ page }) => {
    const violations: string[] = [];
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        (window as unknown as { __violations: string[] }).__violations ??= [];
        (window as unknown as { __violations: string[] }).__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    for (const path of ["/dashboard", "/keys", "/users", "/usage", "/models", "/playground", "/audit", "/quotas", "/alerts", "/billing"]) {
      await page.goto(path);
      await expect(page.locator("main")).toBeVisible();
      violations.push(...(await page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? [])));
    }
    expect(violations).toEqual([]);

    // Hydrated: a client-side navigation happens without a full page load.
    await page.goto("/dashboard");
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await page.getByRole("link", { name: "Keys", exact: true }).first().click();
    await expect(page).toHaveURL(/\/keys/);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });
});

test.describe("body limits and client addresses", () => {
  test("a 2 MiB body is refused with 413 before Next.js: admin API (even with the admin key) and sign-in", async ({ page }) => {
    const big = JSON.stringify({ email: `big-${suffix}@e2e.test`, name: "x".repeat(2 * MiB) });
    const admin = await page.request.post("/api/admin/users", { headers: { authorization: `Bearer ${E2E.adminApiKey}`, "content-type": "application/json" }, data: big });
    expect(admin.status()).toBe(413);
    expect(await admin.json()).toEqual({ error: { message: `Request body exceeds the limit of ${MiB} bytes.`, code: "body_too_large" } });

    const signIn = await page.request.post("/api/auth/callback/credentials", { form: { csrfToken: "x", email: "a@b.c", password: "p".repeat(2 * MiB) } });
    expect(signIn.status()).toBe(413);
  });

  test("a spoofed X-Forwarded-For neither dodges the sign-in limit nor reaches the audit log", async ({ page }) => {
    const email = `spoof-${suffix}@e2e.test`;
    const csrf = await page.request.get("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    for (let i = 0; i < 6; i++) {
      await page.request.post("/api/auth/callback/credentials", {
        headers: { origin: E2E.baseURL, "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `198.51.100.${i}` },
        form: { csrfToken, email, password: `wrong-password-${i}`, json: "true" },
      });
    }
    const audit = await adminApi<{ data: { ip: string | null; after: { reason: string } }[] }>(
      page,
      "GET",
      `/api/admin/audit-log?action=auth.sign_in_failed&actor=${encodeURIComponent(email)}`,
    );
    expect(audit.data).toHaveLength(6);
    expect(new Set(audit.data.map((row) => row.ip))).toEqual(new Set(["127.0.0.1"]));
    // Five failures from one real address lock that address out of the account, whatever it claimed.
    expect(audit.data.map((row) => row.after.reason).sort()).toEqual([...Array(5).fill("invalid_credentials"), "rate_limited"]);
  });
});
