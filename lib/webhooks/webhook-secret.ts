// Webhook signing secrets are stored encrypted (AES-256-GCM, lib/crypto/secret-box.ts),
// bound to their column by the purpose; they are decrypted only to sign a delivery.
import { decryptSecret, encryptSecret } from "../crypto/secret-box";

export const WEBHOOK_SECRET_PURPOSE = "webhook.secret";

export const sealWebhookSecret = (plain: string) => encryptSecret(plain, WEBHOOK_SECRET_PURPOSE);
export const openWebhookSecret = (sealed: string) => decryptSecret(sealed, WEBHOOK_SECRET_PURPOSE);
