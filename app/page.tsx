import { redirect } from "next/navigation";

// The console starts at the dashboard; the (console) layout sends signed-out visitors to /login.
export default function Home() {
  redirect("/dashboard");
}
