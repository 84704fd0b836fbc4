// Browser-facing API errors in the reader's locale (lib/i18n/api-errors.ts); English stays as is.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { errorLocaleOf, translateError, translateText } from "../../../lib/i18n/api-errors";

describe("translateError", () => {
  it("translates known messages to Russian, keeping their values", () => {
    assert.equal(translateError("not_found", "Token 7 not found", "ru"), "Токен 7 не найден");
    assert.equal(translateError("conflict", "You already have 10 SSH keys: delete one first", "ru"), "У вас уже 10 SSH-ключей: сначала удалите один");
    assert.equal(translateError("rate_limited", "Too many attempts; try again in 3 min", "ru"), "Слишком много попыток; повторите через 3 мин");
    assert.equal(translateError("forbidden", "Administrator access required", "ru"), "Нужны права администратора");
    assert.equal(translateError("conflict", "A reboot request (#12) is still pending for this VPS; try again when the main site has finished it", "ru"),
      "Запрос reboot (№12) для этого VPS ещё в состоянии pending; повторите, когда основной сайт его завершит");
  });
  it("keeps English messages exactly in en", () => {
    assert.equal(translateError("not_found", "Token 7 not found", "en"), "Token 7 not found");
    assert.equal(translateText("Invalid or missing API key", "en"), "Invalid or missing API key");
  });
  it("gives an unknown message its code's words in Russian, the original kept in brackets", () => {
    assert.equal(translateError("conflict", "Something new", "ru"), "Состояние ресурса не позволяет это изменение (Something new)");
    assert.equal(translateError("validation_failed", "Invalid request: name: Слишком короткое", "ru"), "Некорректный запрос: name: Слишком короткое");
    assert.equal(translateError("internal", "Internal server error", "ru"), "Внутренняя ошибка сервера");
  });
  it("reads only a known locale from the header", () => {
    assert.equal(errorLocaleOf("ru"), "ru");
    assert.equal(errorLocaleOf("en"), "en");
    assert.equal(errorLocaleOf("de"), undefined);
    assert.equal(errorLocaleOf(null), undefined);
  });
});
