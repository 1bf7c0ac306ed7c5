export const dynamic = "force-dynamic";
export { GET, POST } from "@/lib/users/users-route";
