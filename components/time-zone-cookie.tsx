"use client";
// Tells the server the browser's time zone (cookie ospab_tz), so that a user who chose none
// sees times in their own zone: once, on the first page after it differs from the zone the
// page was rendered in, the page is rendered again. A zone the user chose on the account page
// wins, and then nothing is sent.
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { TIME_ZONE_COOKIE } from "@/lib/i18n/time-zone";

export function TimeZoneCookie({ rendered, chosen }: { rendered: string; chosen: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (chosen) return;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    const current = document.cookie.split("; ").find((c) => c.startsWith(`${TIME_ZONE_COOKIE}=`))?.slice(TIME_ZONE_COOKIE.length + 1);
    if (current === encodeURIComponent(zone)) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    if (zone !== rendered) router.refresh();
  }, [chosen, rendered, router]);
  return null;
}
