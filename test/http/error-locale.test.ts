// The panel's pages get API errors in their reader's locale (X-Ospab-Locale, sent by
// lib/api-client); without the header, and for API tokens, the English texts stay.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SessionClient } from "../support/http";
import { startPanel, type Panel } from "../support/panel";

describe("API errors in the browser's locale", () => {
  let panel: Panel;
  let alice: SessionClient;
  before(async () => {
    panel = await startPanel();
    alice = new SessionClient(panel.url);
    assert.ok(await alice.signIn("client@ospab.local", "client-demo-pass"));
  });
  after(async () => {
    await panel?.stop();
  });

  const revoke = (locale?: string) =>
    alice.fetch("/api/tokens/999999", { method: "DELETE", headers: locale ? { "x-ospab-locale": locale } : {} });

  it("a ru page reads the Russian text, an en page and a program the English one", async () => {
    const ru = await revoke("ru");
    assert.equal(ru.status, 404);
    assert.deepEqual(await ru.json(), { status: "error", code: "not_found", message: "Токен 999999 не найден" });
    assert.equal((await (await revoke("en")).json()).message, "Token 999999 not found");
    assert.equal((await (await revoke()).json()).message, "Token 999999 not found");
  });
  it("a zod refusal comes in Russian with its fields", async () => {
    const res = await alice.fetch("/api/tokens", { method: "POST", headers: { "content-type": "application/json", "x-ospab-locale": "ru" }, body: JSON.stringify({ scopes: 5 }) });
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.equal(body.code, "validation_failed");
    assert.match(body.message, /^Некорректный запрос: /);
  });
  it("the machine API ignores the header", async () => {
    const res = await fetch(new URL("/api/vps/sync", panel.url), { method: "POST", headers: { "content-type": "application/json", "x-ospab-locale": "ru" }, body: "{}" });
    assert.equal((await res.json()).message, "Invalid or missing API key");
  });
});
