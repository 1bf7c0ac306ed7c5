// The channel list as the editor holds it, and its conversion to the API body. Stored credentials
// never reach the browser: an existing webhook secret or Slack URL is kept by sending the channel's
// id without the field, replaced by typing a new value, and a webhook secret removed explicitly.
import type { ChannelType } from "@/lib/alerts/alert-kinds";
import type { PublicChannel, channelInputSchema } from "@/lib/alerts/schemas";
import type { z } from "zod";

export interface ChannelDraft {
  /** React key; stable while the dialog is open */
  key: string;
  /** id of the stored channel this draft edits (undefined for a new one) */
  id?: string;
  type: ChannelType;
  url: string;
  to: string;
  /** a new webhook signing secret ("" = keep the stored one, if any) */
  secret: string;
  /** the stored channel has a secret (webhook) or URL (Slack) that is kept unless replaced */
  hasStoredCredential: boolean;
  removeSecret: boolean;
}

type ChannelBody = z.input<typeof channelInputSchema>;

let nextKey = 0;
const newKey = () => `channel-${++nextKey}`;

export function emptyChannel(type: ChannelType = "webhook"): ChannelDraft {
  return { key: newKey(), type, url: "", to: "", secret: "", hasStoredCredential: false, removeSecret: false };
}

export function draftFromChannel(channel: PublicChannel): ChannelDraft {
  const base = { ...emptyChannel(channel.type), id: channel.id };
  if (channel.type === "webhook") return { ...base, url: channel.url, hasStoredCredential: channel.hasSecret };
  // The Slack URL shown is masked; the real one stays on the server unless a new one is typed.
  if (channel.type === "slack") return { ...base, hasStoredCredential: true };
  return { ...base, to: channel.to };
}

/** A draft whose type changed is a new channel: it must not inherit the old one's stored secret. */
export function changeChannelType(draft: ChannelDraft, type: ChannelType): ChannelDraft {
  return { ...emptyChannel(type), key: draft.key };
}

export function channelBody(draft: ChannelDraft): ChannelBody {
  const id = draft.id ? { id: draft.id } : {};
  switch (draft.type) {
    case "webhook": {
      const secret = draft.removeSecret ? { secret: null } : draft.secret ? { secret: draft.secret } : {};
      return { ...id, type: "webhook", url: draft.url.trim(), ...secret };
    }
    case "slack":
      return { ...id, type: "slack", ...(draft.url.trim() ? { url: draft.url.trim() } : {}) };
    case "email":
      return { ...id, type: "email", to: draft.to.trim() };
  }
}
