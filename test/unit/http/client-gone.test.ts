import assert from "node:assert/strict";
import { test } from "node:test";
import { CLIENT_GONE_MESSAGE, quietClientGone } from "../../../lib/http/client-gone";

test("React's 'the visitor went away' report goes to debug; any other error is still printed", () => {
  const printed: unknown[][] = [];
  const debugged: string[] = [];
  const target = { error: (...args: unknown[]) => void printed.push(args) };
  quietClientGone((m) => debugged.push(m), target);
  target.error(" ⨯", new Error(CLIENT_GONE_MESSAGE));
  target.error(CLIENT_GONE_MESSAGE);
  target.error(" ⨯", new Error("Cannot read properties of undefined (reading 'id')"));
  target.error(" ⨯", new Error(`${CLIENT_GONE_MESSAGE} and more`));
  assert.equal(debugged.length, 2);
  assert.deepEqual(printed.map((a) => (a[1] as Error).message), ["Cannot read properties of undefined (reading 'id')", `${CLIENT_GONE_MESSAGE} and more`]);
});
