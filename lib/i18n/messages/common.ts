// Words every page shares: the product's name, VPS statuses, units.
const ru = {
  app: { name: "ospab panel", tagline: "Панель управления VPS" },
  status: {
    creating: "Создаётся",
    running: "Работает",
    stopped: "Остановлен",
    suspended: "Приостановлен",
    error: "Ошибка",
    deleting: "Удаляется",
  },
  units: { cores: "{n, plural, one {# ядро} few {# ядра} many {# ядер} other {# ядра}}" },
};

const en: typeof ru = {
  app: { name: "ospab panel", tagline: "VPS control panel" },
  status: {
    creating: "Creating",
    running: "Running",
    stopped: "Stopped",
    suspended: "Suspended",
    error: "Error",
    deleting: "Deleting",
  },
  units: { cores: "{n, plural, one {# core} other {# cores}}" },
};

export default { ru, en };
