import type { Metadata } from "next";
import { canManage } from "@/lib/auth/rbac";
import { requireSection } from "../require-section";
import { ModelsPageClient } from "./models-page-client";

export const metadata: Metadata = { title: "Models" };

// GET /models – public model names, the provider serving each, and their prices.
export default async function ModelsPage() {
  const user = await requireSection("models");
  return <ModelsPageClient canEdit={canManage(user.role)} />;
}
