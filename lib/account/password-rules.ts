// The account password rule the browser shares with the server's schema (zod-free, so the
// /account page does not ship zod).
export const PASSWORD_MIN = 12;
