export const dynamic = "force-dynamic";
export { GET } from "@/lib/auth/me-route";
