export const dynamic = "force-dynamic";
export { getOne as GET, patchOne as PATCH, deleteOne as DELETE } from "@/lib/conversations/conversations-route";
