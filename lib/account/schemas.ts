// Request bodies of /api/account/*. Browser-safe (the forms share the limits).
import { z } from "zod";
import { LOCALES } from "../i18n/config";
import { isListedTimeZone } from "../i18n/time-zone";
import { PASSWORD_MIN } from "./password-rules";

export { PASSWORD_MIN };

/** A TOTP code (6 digits) or a recovery code (xxxxx-xxxxx). */
export const codeBody = z.object({ code: z.string().trim().min(6, "enter the code").max(64) });

/** Turning 2FA on asks for the password again: a stolen session alone cannot enrol its own authenticator. */
export const enrolBody = z.object({ password: z.string().min(1, "enter your password").max(1024) });

export const passwordChangeBody = z.object({
  current_password: z.string().min(1, "enter your current password").max(1024),
  new_password: z.string().min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`).max(1024),
});

export const profileBody = z
  .object({
    name: z.string().trim().max(100).nullable().optional(),
    locale: z.enum(LOCALES).optional(),
    /** An IANA zone (Europe/Moscow, Asia/Yekaterinburg, UTC); null: the browser's own. */
    // Only a listed name (as the select offers it): "europe/moscow" would work in Intl but
    // match no option of the select, which would then show "as in the browser".
    time_zone: z.string().max(64).refine(isListedTimeZone, "must be an IANA time zone such as Europe/Moscow").nullable().optional(),
  })
  .refine((b) => b.name !== undefined || b.locale !== undefined || b.time_zone !== undefined, "send name, locale and/or time_zone");
