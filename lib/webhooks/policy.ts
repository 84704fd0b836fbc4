// The webhook settings route handlers need, from the validated environment.
import { getEnv } from "../env";
import type { TokenScope } from "../tokens/scopes";
import type { WebhookPolicy } from "./create-webhook";

export function webhookPolicy(): WebhookPolicy {
  return { allowPrivate: getEnv().WEBHOOK_ALLOW_PRIVATE === "1" };
}

/** API tokens of admins carrying this scope may use the webhook admin API. */
export const WEBHOOKS_SCOPE: TokenScope = "webhooks:admin";
