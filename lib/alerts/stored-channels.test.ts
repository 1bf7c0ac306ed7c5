import { describe, expect, it } from "vitest";
import { maskSlackUrl, openChannel, resolveChannels, toPublicChannel, webhookTarget } from "./stored-channels";

const SECRET = "unit-test-instance-secret-0123456789";

describe("stored channels", () => {
  it("seals webhook secrets and Slack URLs, and shows neither", () => {
    const stored = resolveChannels(
      [
        { type: "webhook", url: "https://example.test/hook?token=t", secret: "signing-secret" },
        { type: "slack", url: "https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefXYZ" },
        { type: "email", to: "ops@example.test" },
      ],
      [],
      SECRET,
    );
    const json = JSON.stringify(stored);
    expect(json).not.toContain("signing-secret");
    expect(json).not.toContain("abcdefXYZ");
    expect(stored.map(toPublicChannel)).toEqual([
      { id: stored[0].id, type: "webhook", url: "https://example.test/hook?token=t", hasSecret: true },
      { id: stored[1].id, type: "slack", url: "https://hooks.slack.com/services/T01…/B04…/••••" },
      { id: stored[2].id, type: "email", to: "ops@example.test" },
    ]);
    expect(openChannel(stored[0], SECRET)).toMatchObject({ secret: "signing-secret", target: "https://example.test/hook" });
    expect(openChannel(stored[1], SECRET)).toMatchObject({ url: "https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefXYZ" });
  });

  it("keeps, replaces or drops a stored secret for an input that names the channel", () => {
    const [original] = resolveChannels([{ type: "webhook", url: "https://a.test/", secret: "first-secret" }], [], SECRET);
    const [kept] = resolveChannels([{ id: original.id, type: "webhook", url: "https://b.test/" }], [original], SECRET);
    expect(kept).toMatchObject({ id: original.id, url: "https://b.test/" });
    expect(openChannel(kept, SECRET)).toMatchObject({ secret: "first-secret" });
    const [replaced] = resolveChannels([{ id: original.id, type: "webhook", url: "https://b.test/", secret: "second-secret" }], [original], SECRET);
    expect(openChannel(replaced, SECRET)).toMatchObject({ secret: "second-secret" });
    const [dropped] = resolveChannels([{ id: original.id, type: "webhook", url: "https://b.test/", secret: null }], [original], SECRET);
    expect(openChannel(dropped, SECRET)).toMatchObject({ secret: null });
    // Without an id the input is a new channel: nothing is inherited.
    const [fresh] = resolveChannels([{ type: "webhook", url: "https://a.test/" }], [original], SECRET);
    expect(fresh.id).not.toBe(original.id);
    expect(openChannel(fresh, SECRET)).toMatchObject({ secret: null });
  });

  it("refuses an id of another channel type, and a new Slack channel without a URL", () => {
    const [email] = resolveChannels([{ type: "email", to: "a@example.test" }], [], SECRET);
    expect(() => resolveChannels([{ id: email.id, type: "webhook", url: "https://a.test/" }], [email], SECRET)).toThrow(/channels\.0\.id/);
    expect(() => resolveChannels([{ type: "email", to: "b@example.test" }, { type: "slack" }], [], SECRET)).toThrow(/channels\.1\.url/);
  });

  it("masks URLs for the delivery log", () => {
    expect(webhookTarget("https://user:pw@example.test:8443/a/b?token=x#frag")).toBe("https://example.test:8443/a/b");
    expect(maskSlackUrl("https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefXYZ")).toBe("https://hooks.slack.com/services/T01…/B04…/••••");
  });
});
