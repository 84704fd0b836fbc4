import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";

export default async function Home() {
  const user = await getSessionUser();
  redirect(!user ? "/login" : user.role === "admin" ? "/admin" : "/dashboard");
}
