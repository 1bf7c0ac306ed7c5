// The console's pages and who may open them. Developers work with their own keys and usage only,
// so the org-wide management pages are neither shown to them nor served (see require-section).
import { canReadAll, type Role } from "@/lib/auth/rbac";

export type ConsoleSection =
  | "dashboard"
  | "playground"
  | "batches"
  | "usage"
  | "keys"
  | "users"
  | "teams"
  | "providers"
  | "models"
  | "health"
  | "quotas"
  | "billing"
  | "cache"
  | "alerts"
  | "audit";

export interface NavItem {
  section: ConsoleSection;
  href: `/${ConsoleSection}`;
  label: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { section: "dashboard", href: "/dashboard", label: "Dashboard" },
  { section: "playground", href: "/playground", label: "Playground" },
  { section: "batches", href: "/batches", label: "Batches" },
  { section: "usage", href: "/usage", label: "Usage" },
  { section: "keys", href: "/keys", label: "Keys" },
  { section: "users", href: "/users", label: "Users" },
  { section: "teams", href: "/teams", label: "Teams" },
  { section: "providers", href: "/providers", label: "Providers" },
  { section: "models", href: "/models", label: "Models" },
  { section: "health", href: "/health", label: "Health" },
  { section: "quotas", href: "/quotas", label: "Quotas & limits" },
  { section: "billing", href: "/billing", label: "Billing" },
  { section: "cache", href: "/cache", label: "Cache" },
  { section: "alerts", href: "/alerts", label: "Alerts" },
  { section: "audit", href: "/audit", label: "Audit log" },
];

const ORG_WIDE: readonly ConsoleSection[] = ["users", "teams", "providers", "models", "health", "quotas", "billing", "cache", "alerts", "audit"];

export function canOpenSection(role: Role, section: ConsoleSection): boolean {
  return ORG_WIDE.includes(section) ? canReadAll(role) : true;
}

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => canOpenSection(role, item.section));
}
