import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { keysymOf, keysymsOf } from "../../../lib/console/keysyms";

describe("keysyms for paste", () => {
  it("Latin-1 characters are their own keysym", () => {
    assert.deepEqual(keysymsOf("aZ 9~é"), [0x61, 0x5a, 0x20, 0x39, 0x7e, 0xe9]);
  });
  it("Enter, Tab and Backspace are the keys; CRLF is one Enter", () => {
    assert.deepEqual(keysymsOf("a\r\nb\tc\n"), [0x61, 0xff0d, 0x62, 0xff09, 0x63, 0xff0d]);
    assert.equal(keysymOf("\b"), 0xff08);
  });
  it("other characters use X11's Unicode keysyms; other control characters are skipped", () => {
    assert.equal(keysymOf("ж"), 0x01000436);
    assert.equal(keysymOf("😀"), 0x0101f600);
    assert.deepEqual(keysymsOf("\u0001x\u007f"), [0x78]);
  });
});
