// Types of what Tollgate keeps in the next-auth JWT and session. Modules that read them import this
// file (type-only) so the augmentation is part of every program that compiles them.
import type { Role } from "./rbac";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string; role: Role; orgId: string };
  }
  interface User {
    id: string;
    role?: Role;
    orgId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    orgId?: string;
  }
}
export {};
