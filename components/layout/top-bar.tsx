"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ConsoleUser } from "@/lib/query/types";

const ROLE_TONE = { admin: "indigo", developer: "sky", viewer: "neutral" } as const;

export function TopBar({ user }: { user: ConsoleUser }) {
  const [signingOut, setSigningOut] = useState(false);
  return (
    <header className="flex h-14 shrink-0 items-center justify-end gap-4 border-b border-slate-200 bg-white px-4 md:px-6">
      <span className="mr-auto flex items-center gap-2 lg:hidden">
        <span aria-hidden className="grid size-7 place-items-center rounded-md bg-indigo-600 text-sm font-bold text-white">
          T
        </span>
        <span className="text-base font-semibold tracking-tight">Tollgate</span>
      </span>
      <div className="flex items-center gap-3 text-sm" data-testid="current-user">
        <div className="text-right leading-tight">
          <p className="font-medium text-slate-900">{user.name}</p>
          <p className="hidden text-xs text-slate-500 sm:block">{user.email}</p>
        </div>
        <Badge tone={ROLE_TONE[user.role]} testId="current-user-role">
          {user.role}
        </Badge>
      </div>
      <Button
        size="sm"
        variant="ghost"
        pending={signingOut}
        data-testid="sign-out"
        onClick={() => {
          setSigningOut(true);
          void signOut({ callbackUrl: "/login" });
        }}
      >
        Sign out
      </Button>
    </header>
  );
}
