// Two-factor sign-in: TOTP (RFC 6238, 30 s steps, 6 digits, SHA-1 as every authenticator
// app expects) with otpauth, plus 10 single-use recovery codes stored as SHA-256 hashes.
// A code is accepted one step either side of now, and never twice: the last accepted step
// is stored and only a later one passes (an atomic update, so two racing requests with one
// code cannot both win).
import { createHash, randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { verifyPassword } from "./password";
import { AppError } from "../errors";
import { decryptSecret, encryptSecret } from "../crypto/secret-box";
import { accountKey, throttledAccountCheck } from "./throttle";

const PURPOSE = "user.totp";
const ISSUER = "ospab-panel";
const PERIOD = 30;
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

function totp(secretBase32: string, label: string) {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

/** A TOTP code looks like 6 digits; anything else is tried as a recovery code. */
export const isTotpCode = (code: string) => /^\d{6}$/.test(code.replace(/\s/g, ""));
const normalizeRecovery = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, "");
const hashRecovery = (code: string) => createHash("sha256").update(normalizeRecovery(code)).digest("hex");

function newRecoveryCode() {
  let s = "";
  for (let i = 0; i < 10; i++) s += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

async function loadTotp(db: Db, userId: number) {
  return db.user.findUnique({
    where: { id: userId },
    select: { email: true, totpSecretEnc: true, totpEnabledAt: true, totpLastStep: true },
  });
}

/** Starts (or restarts) enrolment: a new secret, stored encrypted, not yet enabled. The
 *  password is asked again (and throttled like a sign-in): a stolen session alone must not
 *  be able to put its own authenticator on the account. */
export async function beginTotpEnrolment(db: Db, userId: number, password: string, ip: string) {
  const user = await loadTotp(db, userId);
  if (!user) throw new AppError(404, "User not found");
  if (user.totpEnabledAt) throw new AppError(409, "Two-factor sign-in is already on; turn it off first");
  const hash = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  const ok = await throttledAccountCheck(db, { account: accountKey(user.email, userId), ip }, () => verifyPassword(password, hash?.passwordHash ?? ""));
  if (!ok) throw new AppError(400, "The password is wrong");
  const secret = new Secret({ size: 20 }).base32;
  await db.user.update({ where: { id: userId }, data: { totpSecretEnc: encryptSecret(secret, PURPOSE), totpLastStep: null } });
  return { secret, otpauth_url: totp(secret, user.email).toString() };
}

/** Accepts a current TOTP code once; false for a wrong or already used code. */
async function acceptTotp(db: Db, userId: number, sealed: string, label: string, code: string): Promise<boolean> {
  const delta = totp(decryptSecret(sealed, PURPOSE), label).validate({ token: code.replace(/\s/g, ""), window: 1 });
  if (delta === null) return false;
  const step = Math.floor(Date.now() / 1000 / PERIOD) + delta;
  const r = await db.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return r.count === 1;
}

async function useRecoveryCode(db: Db, userId: number, code: string): Promise<boolean> {
  if (normalizeRecovery(code).length !== 10) return false;
  const r = await db.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecovery(code), usedAt: null },
    data: { usedAt: new Date() },
  });
  return r.count === 1;
}

/** Finishes enrolment with the first code from the app; returns the recovery codes (shown once). */
export async function confirmTotpEnrolment(db: Db, userId: number, code: string, audit: AuditContext = SYSTEM_AUDIT) {
  const user = await loadTotp(db, userId);
  if (!user) throw new AppError(404, "User not found");
  if (user.totpEnabledAt) throw new AppError(409, "Two-factor sign-in is already on");
  if (!user.totpSecretEnc) throw new AppError(409, "Start enrolment first (POST /api/account/2fa)");
  if (!isTotpCode(code) || !(await acceptTotp(db, userId, user.totpSecretEnc, user.email, code)))
    throw new AppError(400, "The code is not valid: enter the current 6-digit code from your app");
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashRecovery(c) })) });
    await tx.user.update({ where: { id: userId }, data: { totpEnabledAt: new Date() } });
    await recordAudit(tx, audit, { action: "account.2fa_enabled", targetType: "user", targetId: userId });
  });
  return { recovery_codes: codes };
}

/**
 * Checks a second factor of a user with 2FA on: a TOTP code or an unused recovery code
 * (which is then used up). False when wrong, reused, or 2FA is off.
 */
export async function verifySecondFactor(db: Db, userId: number, code: string): Promise<boolean> {
  const user = await loadTotp(db, userId);
  if (!user?.totpEnabledAt || !user.totpSecretEnc) return false;
  if (isTotpCode(code)) return acceptTotp(db, userId, user.totpSecretEnc, user.email, code);
  // A used recovery code shows in the sign-in's audit row (method "recovery_code").
  return useRecoveryCode(db, userId, code);
}

/** Wrong codes count toward the login throttle, so a stolen session cannot guess its way to 2FA off. */
export async function disableTotp(db: Db, userId: number, code: string, ip: string, audit: AuditContext = SYSTEM_AUDIT) {
  const user = await loadTotp(db, userId);
  if (!user) throw new AppError(404, "User not found");
  if (!user.totpEnabledAt) throw new AppError(409, "Two-factor sign-in is off");
  // Paid for before the code is checked, from the account's sign-in allowance.
  const ok = await throttledAccountCheck(db, { account: accountKey(user.email, userId), ip }, () => verifySecondFactor(db, userId, code));
  if (!ok) throw new AppError(400, "The code is not valid: enter a current code from your app or an unused recovery code");
  await db.$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.user.update({ where: { id: userId }, data: { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null } });
    await recordAudit(tx, audit, { action: "account.2fa_disabled", targetType: "user", targetId: userId });
  });
}

export async function twoFactorStatus(db: Db, userId: number) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  const left = await db.recoveryCode.count({ where: { userId, usedAt: null } });
  return { enabled: !!user?.totpEnabledAt, enabled_at: user?.totpEnabledAt?.toISOString() ?? null, recovery_codes_left: user?.totpEnabledAt ? left : 0 };
}
