// Units follow the UI language: МБ/ГБ/ТБ in Russian, MB/GB/TB in English, with the
// language's decimal separator.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatDisk, formatRam } from "../../../lib/i18n/format";

describe("formatRam (input in MB)", () => {
  it("shows MB below 1 GB", () => {
    assert.equal(formatRam("ru", 512), "512 МБ");
    assert.equal(formatRam("en", 512), "512 MB");
  });
  it("shows GB from 1024 MB, one decimal at most, localized separator", () => {
    assert.equal(formatRam("ru", 1024), "1 ГБ");
    assert.equal(formatRam("en", 1024), "1 GB");
    assert.equal(formatRam("ru", 1536), "1,5 ГБ");
    assert.equal(formatRam("en", 1536), "1.5 GB");
    assert.equal(formatRam("ru", 16384), "16 ГБ");
    assert.equal(formatRam("en", 3000), "2.9 GB");
  });
});

describe("formatDisk (input in GB)", () => {
  it("shows GB below 1 TB and TB from 1024 GB", () => {
    assert.equal(formatDisk("ru", 20), "20 ГБ");
    assert.equal(formatDisk("en", 200), "200 GB");
    assert.equal(formatDisk("ru", 2048), "2 ТБ");
    assert.equal(formatDisk("en", 1536), "1.5 TB");
  });
  it("never mixes scripts: Russian output has no Latin unit and vice versa", () => {
    for (const v of [1, 512, 1024, 5000]) {
      assert.doesNotMatch(formatRam("ru", v) + formatDisk("ru", v), /[A-Za-z]/);
      assert.doesNotMatch(formatRam("en", v) + formatDisk("en", v), /[А-Яа-я]/);
    }
  });
});

describe("agoClock", () => {
  it("keeps the page's clock for a past moment, and never tells a past record as future", async () => {
    const { agoClock } = await import("../../../lib/i18n/format");
    const now = new Date("2026-12-04T19:34:00Z");
    assert.equal(agoClock(new Date("2026-12-04T19:33:00Z"), now), now);
    const later = new Date("2026-12-04T19:34:14Z");
    assert.equal(agoClock(later, now), later);
    const { createFormatter } = await import("use-intl/core");
    const format = createFormatter({ locale: "ru", timeZone: "Europe/Moscow" });
    assert.equal(format.relativeTime(later, agoClock(later, now)), "сейчас");
  });
});
