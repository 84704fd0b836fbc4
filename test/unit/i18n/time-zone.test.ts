// Each user's time zone: chosen, else the browser's, else the default; the named formats
// show the zone's offset with every time of day.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createFormatter } from "use-intl/core";
import { profileBody } from "../../../lib/account/schemas";
import { FORMATS } from "../../../lib/i18n/date-formats";
import { isTimeZone, resolveTimeZone, timeZoneNames, zoneOffset } from "../../../lib/i18n/time-zone";

describe("time zones", () => {
  it("the chosen zone wins, then the browser's, then the default; anything not an IANA zone is passed over", () => {
    assert.deepEqual(resolveTimeZone("Asia/Yekaterinburg", "Europe/Berlin", "Europe/Moscow"), { timeZone: "Asia/Yekaterinburg", source: "user" });
    assert.deepEqual(resolveTimeZone(null, "Europe/Berlin", "Europe/Moscow"), { timeZone: "Europe/Berlin", source: "browser" });
    assert.deepEqual(resolveTimeZone(null, "Mars/Olympus", "Europe/Moscow"), { timeZone: "Europe/Moscow", source: "default" });
    assert.deepEqual(resolveTimeZone("<script>", "", "nonsense"), { timeZone: "Europe/Moscow", source: "default" });
    assert.equal(isTimeZone("UTC"), true);
    assert.equal(isTimeZone("Europe/Moscow\u0000"), false);
    assert.ok(timeZoneNames().length > 300 && timeZoneNames().includes("Asia/Vladivostok"));
  });

  it("offsets: GMT+3 for Moscow, GMT+5:30 for Kolkata (an alias this runtime lists as Asia/Calcutta), GMT+0 for UTC", () => {
    const at = new Date("2026-12-06T12:00:00Z");
    assert.equal(zoneOffset("Europe/Moscow", at), "GMT+3");
    assert.equal(zoneOffset("Asia/Kolkata", at), "GMT+5:30");
    assert.equal(zoneOffset("UTC", at), "GMT+0");
  });

  it("one moment, one way to read it: the day and time in the user's zone with its offset, in ru and en", () => {
    const at = new Date("2026-12-06T21:30:00Z");
    const ru = createFormatter({ locale: "ru", timeZone: "Asia/Yekaterinburg", formats: FORMATS });
    const en = createFormatter({ locale: "en", timeZone: "Europe/Moscow", formats: FORMATS });
    assert.equal(ru.dateTime(at, "dateTime"), "7 дек. 2026 г., 02:30 GMT+5");
    assert.equal(en.dateTime(at, "dateTime"), "Dec 7, 2026, 12:30 AM GMT+3");
    assert.equal(ru.dateTime(at, "date"), "7 дек. 2026 г.");
    assert.match(ru.dateTime(at, "precise"), /^07\.12\.2026, 02:30:00 GMT\+5$/);
  });

  it("the account form accepts a zone or null, and refuses anything else with a clear message", () => {
    assert.equal(profileBody.safeParse({ time_zone: "Europe/Moscow" }).success, true);
    assert.equal(profileBody.safeParse({ time_zone: null }).success, true);
    const bad = profileBody.safeParse({ time_zone: "Moscow" });
    assert.equal(bad.success, false);
    assert.match(bad.error!.issues[0]!.message, /IANA time zone/);
    // Intl would take it, but no option of the select matches it: only listed names are saved.
    assert.equal(profileBody.safeParse({ time_zone: "europe/moscow" }).success, false);
  });

  it("a browser's cookie in odd spellings is still understood, without remembering every spelling", () => {
    for (let i = 0; i < 2000; i++) {
      const odd = [..."europe/moscow"].map((c, j) => ((i >> j) & 1 ? c.toUpperCase() : c)).join("");
      assert.equal(isTimeZone(odd), true, odd);
    }
  });
});
