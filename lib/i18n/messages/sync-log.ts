// Strings of the inbound log of machine calls (/admin/sync-log).
const ru = {
  syncLog: {
    nav: "Входящие",
    title: "Журнал входящих вызовов",
    intro: "Каждый вызов основного сайта, BILLmanager и Bitrix за 7 дней, принятый или отклонённый. Ключи и пароли не сохраняются.",
    total: "{n, plural, =0 {Нет вызовов} one {# вызов} few {# вызова} many {# вызовов} other {# вызова}}",
    empty: "Вызовов нет",
    emptyFiltered: "Вызовов нет: измените условия поиска",
    filters: "Фильтры журнала",
    status: "Итог",
    anyStatus: "Любой",
    statuses: { ok: "Принят", rejected: "Отклонён" },
    endpoint: "Адрес API",
    anyEndpoint: "Любой",
    vps: "ID VPS",
    time: "Время",
    call: "Вызов",
    result: "Ответ",
    duration: "{ms} мс",
    address: "Адрес",
    requestId: "ID запроса",
    external: "внешний ID {id}",
  },
};

const en: typeof ru = {
  syncLog: {
    nav: "Inbound",
    title: "Inbound call log",
    intro: "Every call from the main site, BILLmanager and Bitrix over the last 7 days, accepted or refused. Keys and passwords are never kept.",
    total: "{n, plural, =0 {No calls} one {# call} other {# calls}}",
    empty: "No calls yet",
    emptyFiltered: "No calls: change the filters",
    filters: "Log filters",
    status: "Outcome",
    anyStatus: "Any",
    statuses: { ok: "Accepted", rejected: "Refused" },
    endpoint: "API endpoint",
    anyEndpoint: "Any",
    vps: "VPS ID",
    time: "Time",
    call: "Call",
    result: "Answer",
    duration: "{ms} ms",
    address: "Address",
    requestId: "Request ID",
    external: "external ID {id}",
  },
};

export default { ru, en };
