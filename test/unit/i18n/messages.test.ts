import assert from "node:assert/strict";
import { test } from "node:test";
import { IntlMessageFormat } from "intl-messageformat";
import { MESSAGES } from "../../../lib/i18n/messages";

function flat(o: object, prefix = "", out: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === "string") out[prefix + k] = v;
    else flat(v as object, `${prefix}${k}.`, out);
  }
  return out;
}

test("ru and en have the same keys, and every message is valid ICU", () => {
  const ru = flat(MESSAGES.ru);
  const en = flat(MESSAGES.en);
  assert.deepEqual(Object.keys(en).sort(), Object.keys(ru).sort());
  for (const [locale, all] of [["ru", ru], ["en", en]] as const) {
    for (const [key, text] of Object.entries(all)) {
      // Tags parsed, as use-intl does: a literal "<token>" must be quoted ('<token>').
      assert.doesNotThrow(() => new IntlMessageFormat(text, locale, undefined, { ignoreTag: false }), `${locale} ${key}`);
    }
  }
});

test("the list namespace keeps the keys the list kit reads", () => {
  const keys = Object.keys(flat(MESSAGES.ru.list)).sort();
  assert.deepEqual(keys, ["apply", "noMatchTitle", "pager.label", "pager.next", "pager.page", "pager.perPage", "pager.prev", "reset", "search", "shown", "sort", "sortBy"]);
});
