// Password hashing with bcrypt (bcryptjs: pure JS, no native build on any platform).
import bcrypt from "bcryptjs";
import { log } from "../log";

const COST = 12;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  // One line per hash check (LOG_LEVEL=debug): what the login-throttle tests count.
  log.debug("password check");
  return bcrypt.compare(plain, hash);
}

/** A hash to compare against when the user does not exist, so timing does not tell. */
export const DUMMY_HASH = "$2b$12$OoPSiZXmF0Up6TY9u.H5bOvltPY.SyPo50nMe/8SvwqNFI/l1nsSe";
