// The browser's API errors in its locale. The panel's pages send `X-Ospab-Locale` (lib/api-client);
// a call that names a locale other than English gets the message of an error translated here.
// English stays the API's own text: programs (tokens, curl, the machine API) never send the
// header and keep the exact messages of PRODUCT.md. Server-only.
import type { ErrorCode } from "../errors";
import { isLocale, type Locale } from "./config";

export const LOCALE_HEADER = "x-ospab-locale";

/** The locale a browser call asked its errors in, if any. */
export const errorLocaleOf = (value: string | null): Locale | undefined => (isLocale(value) ? value : undefined);

type Rule = readonly [RegExp, string];
// The Russian of the messages a client meets, `$1`… the parts carried over.
const RU: readonly Rule[] = [
  [/^Authentication required$/, "Нужно войти в панель"],
  [/^Administrator access required$/, "Нужны права администратора"],
  [/^Turn on two-factor sign-in on \/account first$/, "Сначала включите двухфакторный вход на странице /account"],
  [/^Request body is not valid JSON$/, "Тело запроса — не JSON"],
  [/^Content-Type must be (.+)$/, "Content-Type должен быть $1"],
  [/^Request body too large \(limit (\d+) bytes\)$/, "Слишком большой запрос (предел $1 байт)"],
  [/^A request with this Idempotency-Key is still in progress; retry later$/, "Запрос с этим Idempotency-Key ещё выполняется; повторите позже"],
  [/^Idempotency-Key was already used with a different request body$/, "Этот Idempotency-Key уже использован с другим телом запроса"],
  [/^Too many attempts; try again in (\d+) min$/, "Слишком много попыток; повторите через $1 мин"],
  [/^Too many orders in progress \((\d+)\); wait until they finish$/, "Слишком много заказов в работе ($1); дождитесь их завершения"],
  [/^VPS not found$/, "VPS не найден"],
  [/^VPS (\d+) not found$/, "VPS $1 не найден"],
  [/^Token (\d+) not found$/, "Токен $1 не найден"],
  [/^Webhook (\d+) not found$/, "Вебхук $1 не найден"],
  [/^Delivery (\d+) of webhook (\d+) not found$/, "Доставка $1 вебхука $2 не найдена"],
  [/^SSH key (\d+) not found$/, "SSH-ключ $1 не найден"],
  [/^Order (\d+) not found$/, "Заказ $1 не найден"],
  [/^Plan (\d+) not found$/, "Тариф $1 не найден"],
  [/^Alert rule (\d+) not found$/, "Правило оповещения $1 не найдено"],
  [/^Action request not found$/, "Запрос действия не найден"],
  [/^User not found$/, "Пользователь не найден"],
  [/^Session not found$/, "Сеанс не найден"],
  [/^You already have (\d+) active tokens: revoke one first$/, "У вас уже $1 активных токенов: сначала отзовите один"],
  [/^Only administrators may grant (.+)$/, "Только администраторы могут выдавать права $1"],
  [/^You already have (\d+) SSH keys: delete one first$/, "У вас уже $1 SSH-ключей: сначала удалите один"],
  [/^This key is already saved \((.+)\)$/, "Этот ключ уже сохранён ($1)"],
  [/^public_key must be one key on one line \(add several keys one by one\)$/, "public_key: один ключ в одной строке (несколько ключей добавляйте по одному)"],
  [/^public_key is a private key: .*$/, "public_key — это закрытый ключ: вставьте файл .pub (его печатает ssh-keygen -y -f key) и никому не передавайте закрытый ключ"],
  [/^public_key is not an OpenSSH public key.*$/, "public_key — не открытый ключ OpenSSH (ожидается строка вида «ssh-ed25519 AAAA… comment»)"],
  [/^public_key: this RSA key has (\d+) bits; at least (\d+) are needed.*$/, "public_key: у этого RSA-ключа $1 бит, нужно не меньше $2 (лучше создать ключ ssh-keygen -t ed25519)"],
  [/^public_key: (\S+) keys are not accepted; .*$/, "public_key: ключи $1 не принимаются; используйте ed25519, ECDSA или RSA"],
  [/^url: only http:\/\/ and https:\/\/ URLs are allowed$/, "url: допустимы только адреса http:// и https://"],
  [/^url: not a valid URL$/, "url: некорректный адрес"],
  [/^url: credentials in the URL are not allowed; .*$/, "url: логин и пароль в адресе недопустимы; доставки подписываются секретом"],
  [/^url: host (.+) cannot be resolved$/, "url: имя $1 не разрешается"],
  [/^This delivery is being sent right now; try again in a moment$/, "Эта доставка отправляется прямо сейчас; повторите чуть позже"],
  [/^Only the VPS owner can request actions$/, "Действия может запрашивать только владелец VPS"],
  [/^Only the VPS owner can reveal its root password$/, "Пароль root может посмотреть только владелец VPS"],
  [/^Only the VPS owner can reveal the result of its requests$/, "Результат запросов может посмотреть только владелец VPS"],
  [/^(\S+) is done by the billing system or an administrator, not from the client panel$/, "$1 выполняет биллинг или администратор, а не клиентская панель"],
  [/^A (\S+) request \(#(\d+)\) is still (\S+) for this VPS; try again when the main site has finished it$/, "Запрос $1 (№$2) для этого VPS ещё в состоянии $3; повторите, когда основной сайт его завершит"],
  [/^The VPS is suspended by the billing system: pay or contact support to resume it$/, "VPS приостановлен биллингом: оплатите или обратитесь в поддержку"],
  [/^The VPS is suspended by the billing system: its console is closed$/, "VPS приостановлен биллингом: консоль закрыта"],
  [/^The VPS is being deleted$/, "VPS удаляется"],
  [/^The console needs the VPS to be running \(it is (\S+)\)$/, "Для консоли VPS должен быть запущен (сейчас: $1)"],
  [/^The result has already been revealed once$/, "Результат уже был показан один раз"],
  [/^confirm must equal the VPS name$/, "confirm должно совпадать с именем VPS"],
  [/^The VPS is already named (.+)$/, "VPS уже называется $1"],
  [/^os must be one of: (.+)$/, "os должна быть одной из: $1"],
  [/^snapshot_id (\S+) is not a snapshot of this VPS$/, "snapshot_id $1 — не снимок этого VPS"],
  [/^backup_id (\S+) is not a backup of this VPS$/, "backup_id $1 — не резервная копия этого VPS"],
  [/^ip (\S+) is not an address of this VPS$/, "ip $1 — не адрес этого VPS"],
  [/^ssh_key_ids: (.+) (?:is not one of your SSH keys|are not your SSH keys)$/, "ssh_key_ids: $1 — не ваши SSH-ключи"],
  [/^The password is wrong$/, "Неверный пароль"],
  [/^The current password is wrong$/, "Неверный текущий пароль"],
  [/^The new password must differ from the current one$/, "Новый пароль должен отличаться от текущего"],
  [/^The code is not valid: enter the current 6-digit code from your app$/, "Неверный код: введите текущий 6-значный код из приложения"],
  [/^The code is not valid: enter a current code from your app or an unused recovery code$/, "Неверный код: введите текущий код из приложения или неиспользованный код восстановления"],
  [/^Two-factor sign-in is off$/, "Двухфакторный вход выключен"],
  [/^Two-factor sign-in is already on(?:; turn it off first)?$/, "Двухфакторный вход уже включён"],
  [/^Start enrolment first \(POST \/api\/account\/2fa\)$/, "Сначала начните подключение двухфакторного входа"],
  [/^A user with this email or username already exists$/, "Пользователь с таким email или логином уже есть"],
  [/^Order (\d+) was cancelled by the client$/, "Заказ $1 отменён клиентом"],
  [/^Order (\d+) is already finished$/, "Заказ $1 уже завершён"],
  [/^Order (\d+) is already being fulfilled .*$/, "Заказ $1 уже выполняется (VPS создаётся) и больше не может быть отменён"],
  [/^Order (\d+) is already (\S+) and can no longer be cancelled$/, "Заказ $1 уже в состоянии $2 и больше не может быть отменён"],
  [/^Plan (\S+) not found or not available for ordering$/, "Тариф $1 не найден или недоступен для заказа"],
  [/^Not found$/, "Не найдено"],
  [/^Forbidden$/, "Доступ запрещён"],
];

// What a Russian reader is told of an error no rule above knows, by its code.
const RU_BY_CODE: Record<ErrorCode, string> = {
  validation_failed: "Некорректный запрос",
  bad_request: "Запрос не удалось прочитать",
  unauthorized: "Нужно войти в панель",
  forbidden: "Недостаточно прав",
  not_found: "Не найдено",
  method_not_allowed: "Метод не поддерживается",
  conflict: "Состояние ресурса не позволяет это изменение",
  idempotency_conflict: "Конфликт Idempotency-Key",
  payload_too_large: "Слишком большой запрос",
  unsupported_media_type: "Неподдерживаемый тип содержимого",
  unprocessable: "Запрос не подходит к данным панели",
  rate_limited: "Слишком много запросов; повторите позже",
  internal: "Внутренняя ошибка сервера",
};

function ruMessage(message: string): string | undefined {
  for (const [re, ru] of RU) if (re.test(message)) return message.replace(re, ru);
  return undefined;
}

/** One message (or a field's message) in `locale`; English and unknown texts stay as they are. */
export function translateText(message: string, locale: Locale): string {
  return locale === "en" ? message : (ruMessage(message) ?? message);
}

/** The message of an error with `code` in `locale`: a known text translated, else (ru) the code's own words. */
export function translateError(code: ErrorCode, message: string, locale: Locale): string {
  if (locale === "en") return message;
  const known = ruMessage(message);
  if (known) return known;
  // "Invalid request: field: msg; …" keeps its fields (zod's built-in messages are already Russian).
  const invalid = /^Invalid request: (.*)$/s.exec(message);
  if (invalid) return `${RU_BY_CODE.validation_failed}: ${invalid[1]}`;
  return code === "internal" ? RU_BY_CODE.internal : `${RU_BY_CODE[code]} (${message})`;
}
