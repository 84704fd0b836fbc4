// ADMIN_REQUIRE_2FA=1: an admin without two-factor sign-in may only reach /account (to turn
// it on). One rule for sessions (pages, API, socket.io, /ws) and API tokens alike.
import { getEnv } from "../env";

export function mustSetUp2fa(user: { role: "client" | "admin"; twoFactor: boolean }): boolean {
  return getEnv().ADMIN_REQUIRE_2FA === "1" && user.role === "admin" && !user.twoFactor;
}

export const SET_UP_2FA_FIRST = "Turn on two-factor sign-in on /account first";
