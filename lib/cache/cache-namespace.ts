// Whose entries a caller shares. "org": the whole organization; "team" (default): the caller's
// team; "key": the caller's API key. A caller without a team (or a playground user, who has no key)
// gets a namespace of their own user instead, never a shared one: an entry is only ever served
// inside the namespace that stored it, and the namespace is part of the key's hash.
import type { CacheNamespace } from "./schemas";

export interface NamespaceOwner {
  keyId: string | null;
  userId: string;
  teamId: string | null;
}

export function namespaceOf(setting: CacheNamespace, owner: NamespaceOwner): string {
  if (setting === "org") return "org";
  if (setting === "team") return owner.teamId ? `team:${owner.teamId}` : `user:${owner.userId}`;
  return owner.keyId ? `key:${owner.keyId}` : `user:${owner.userId}`;
}
