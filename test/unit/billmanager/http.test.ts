// open.sh's OK line: values BILLmanager reads back with its --k=v parsing, quoted when needed.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { kv } from "../../../lib/billmanager/http";

/** The words a shell makes of the line: what a --k=v parser that undoes quoting sees. */
function words(line: string): string[] {
  const out = execFileSync("bash", ["-c", `eval "set -- $1"; printf '%s\\0' "$@"`, "_", line], { encoding: "utf8" });
  return out.split("\0").slice(0, -1);
}

describe("kv (open.sh's --name=value answer)", () => {
  it("leaves plain ids, logins and emails bare, as BILLmanager's examples show them", () => {
    assert.equal(kv("id", 57), "--id=57");
    assert.equal(kv("username", "u4711"), "--username=u4711");
    assert.equal(kv("username", "ivan.petrov+bm@example.com"), "--username=ivan.petrov+bm@example.com");
  });

  it("quotes anything else so that it comes back as one word, unchanged", () => {
    for (const v of ["a b", "it's", "x;rm -rf /", "$(id)", "`id`", "a'b\"c\\d", "--id=1", "тест"]) {
      const line = `${kv("id", 5)} ${kv("username", v)}`;
      assert.deepEqual(words(line), ["--id=5", `--username=${v}`], line);
    }
  });

  it("never lets a newline split the line", () => {
    assert.doesNotMatch(kv("username", "a\nOK --id=1"), /\n/);
  });
});
