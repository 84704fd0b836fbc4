// The audit log's action names (`<target>.<verb>`) and which of them are a user's own
// security events (shown on /account). Browser-safe.
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_out",
  "account.2fa_enabled",
  "account.2fa_disabled",
  "account.password_changed",
  "account.profile_updated",
  "account.notifications_updated",
  "account.session_revoked",
  "account.signed_out_everywhere",
  "user.synced",
  "locale.changed",
  "token.created",
  "token.revoked",
  "ssh_key.added",
  "ssh_key.deleted",
  "alert_rule.created",
  "alert_rule.updated",
  "alert_rule.deleted",
  "vps.created",
  "vps.updated",
  "vps.deleted",
  "vps.action_requested",
  "order.created",
  "order.failed",
  "order.cancelled",
  "order.retried",
  "plan.created",
  "plan.updated",
  "webhook.created",
  "webhook.updated",
  "webhook.deleted",
  "webhook.secret_rotated",
  "webhook.test_sent",
  "webhook.redelivered",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number] | (string & {});

export const AUDIT_TARGET_TYPES = ["user", "token", "vps", "order", "plan", "webhook", "delivery", "alert_rule"] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** Prefixes of the actions a user sees about themselves: sign-ins, 2FA, password, sessions, tokens, SSH keys. */
export const SECURITY_ACTION_PREFIXES = ["auth.", "token.", "2fa.", "password.", "session.", "account.", "ssh_key."] as const;
