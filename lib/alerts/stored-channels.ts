// How a rule's channels are kept in AlertRule.channels (JSON). Credentials are sealed with the
// instance secret: a webhook's signing secret, and a Slack incoming-webhook URL (whoever has it can
// post to the channel). The API shows channels through toPublicChannel, which never includes either.
import { randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret } from "../crypto/secret-box";
import { tollgateSecret } from "../crypto/tollgate-secret";
import { ValidationError } from "../http/errors";
import { assertOutboundUrl } from "../net/outbound-url";
import type { ChannelInput, PublicChannel } from "./schemas";

export type StoredChannel =
  | { id: string; type: "webhook"; url: string; encryptedSecret: string | null }
  | { id: string; type: "slack"; encryptedUrl: string; urlPreview: string }
  | { id: string; type: "email"; to: string };

/** A channel ready to send to, credentials in plaintext. Lives only for one delivery. */
export type OpenChannel =
  | { id: string; type: "webhook"; url: string; secret: string | null; target: string }
  | { id: string; type: "slack"; url: string; target: string }
  | { id: string; type: "email"; to: string; target: string };

export function parseStoredChannels(json: string): StoredChannel[] {
  return JSON.parse(json) as StoredChannel[];
}

/** "https://hooks.slack.com/services/T0…/B0…/••••": enough to recognise the workspace, not to post. */
export function maskSlackUrl(url: string): string {
  const parsed = new URL(url);
  const parts = parsed.pathname.split("/").filter(Boolean);
  const masked = parts.map((part, index) => (index === parts.length - 1 ? "••••" : index >= 1 && part.length > 4 ? `${part.slice(0, 3)}…` : part));
  return `${parsed.origin}/${masked.join("/")}`;
}

/** A webhook URL as the delivery log shows it: no credentials or query string, which may hold tokens. */
export function webhookTarget(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/** What the delivery log names as the destination; never a credential. */
export function channelTarget(channel: StoredChannel): string {
  if (channel.type === "webhook") return webhookTarget(channel.url);
  return channel.type === "slack" ? channel.urlPreview : channel.to;
}

export function toPublicChannel(channel: StoredChannel): PublicChannel {
  switch (channel.type) {
    case "webhook":
      return { id: channel.id, type: "webhook", url: channel.url, hasSecret: channel.encryptedSecret !== null };
    case "slack":
      return { id: channel.id, type: "slack", url: channel.urlPreview };
    case "email":
      return { id: channel.id, type: "email", to: channel.to };
  }
}

export function openChannel(channel: StoredChannel, secret = tollgateSecret()): OpenChannel {
  switch (channel.type) {
    case "webhook":
      return {
        id: channel.id,
        type: "webhook",
        url: channel.url,
        secret: channel.encryptedSecret ? decryptSecret(channel.encryptedSecret, secret) : null,
        target: channelTarget(channel),
      };
    case "slack":
      return { id: channel.id, type: "slack", url: decryptSecret(channel.encryptedUrl, secret), target: channelTarget(channel) };
    case "email":
      return { id: channel.id, type: "email", to: channel.to, target: channelTarget(channel) };
  }
}

const newChannelId = () => randomBytes(6).toString("base64url");

/**
 * The channels to store for the given input. An input that names the `id` of a stored channel of
 * the same type keeps that channel's sealed secret / Slack URL unless it supplies a new one; every
 * other input becomes a new channel. Field paths in errors match the request ("channels.1.url").
 */
export function resolveChannels(inputs: ChannelInput[], existing: StoredChannel[] = [], secret = tollgateSecret()): StoredChannel[] {
  return inputs.map((input, index) => {
    const path = `channels.${index}`;
    const previous = input.id ? existing.find((channel) => channel.id === input.id) : undefined;
    if (input.id && (!previous || previous.type !== input.type)) {
      throw new ValidationError(`${path}.id: no stored ${input.type} channel has this id`, `${path}.id`);
    }
    const id = previous?.id ?? newChannelId();
    switch (input.type) {
      case "webhook": {
        assertOutboundUrl(input.url, `${path}.url`);
        const kept = previous?.type === "webhook" ? previous.encryptedSecret : null;
        const encryptedSecret = input.secret === undefined ? kept : input.secret === null ? null : encryptSecret(input.secret, secret);
        return { id, type: "webhook", url: input.url, encryptedSecret };
      }
      case "slack": {
        if (input.url) assertOutboundUrl(input.url, `${path}.url`);
        if (input.url) return { id, type: "slack", encryptedUrl: encryptSecret(input.url, secret), urlPreview: maskSlackUrl(input.url) };
        if (previous?.type === "slack") return previous;
        throw new ValidationError(`${path}.url: the Slack incoming-webhook URL is required`, `${path}.url`);
      }
      case "email":
        return { id, type: "email", to: input.to };
    }
  });
}
