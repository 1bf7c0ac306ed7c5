"use client";
// Below the lg breakpoint (1024 px) the sidebar would take most of a phone's width, so the sections become a
// row of links under the top bar that scrolls sideways (the active one scrolled into view).
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import type { NavItem } from "./console-sections";

export function MobileNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Console sections" className="shrink-0 overflow-x-auto border-b border-slate-200 bg-white lg:hidden">
      <ul className="flex gap-1 px-3 py-2">
        {items.map((item) => {
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href} className="shrink-0">
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                data-testid={`mobile-nav-${item.section}`}
                ref={(element) => {
                  if (active) element?.scrollIntoView({ block: "nearest", inline: "center" });
                }}
                className={cn(
                  "block rounded-md px-2.5 py-1.5 text-sm font-medium whitespace-nowrap",
                  active ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
