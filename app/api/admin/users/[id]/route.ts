export const dynamic = "force-dynamic";
export { GET, PATCH, DELETE } from "@/lib/users/user-route";
