// VPS root passwords are stored encrypted (AES-256-GCM, lib/crypto/secret-box.ts) and
// never appear in a VpsView; only an explicit reveal decrypts one.
import { decryptSecret, encryptSecret } from "../crypto/secret-box";

export const ROOT_PASSWORD_PURPOSE = "vps.root_password";

export const encryptRootPassword = (plain: string) => encryptSecret(plain, ROOT_PASSWORD_PURPOSE);
export const decryptRootPassword = (sealed: string) => decryptSecret(sealed, ROOT_PASSWORD_PURPOSE);
