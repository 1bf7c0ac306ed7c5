import type { Metadata } from "next";
import { canManage } from "@/lib/auth/rbac";
import { requireSection } from "../require-section";
import { PlaygroundPageClient } from "./playground-page-client";

export const metadata: Metadata = { title: "Playground" };

// GET /playground – chat with any enabled model through the gateway, with tokens, cost and latency.
export default async function PlaygroundPage() {
  const user = await requireSection("playground");
  return <PlaygroundPageClient canManageModels={canManage(user.role)} />;
}
