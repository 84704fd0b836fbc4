// Ordering a plan (clients).
const ru = {
  orders: {
    title: "Заказ сервера",
    subtitle: "Выберите тариф и операционную систему — сервер будет создан автоматически",
    choosePlan: "Тариф",
    chooseOs: "Операционная система",
    submit: "Заказать",
    submitting: "Оформляем…",
    noPlans: "Сейчас нет тарифов, доступных для заказа.",
    ordered: "Заказ №{id} принят",
    failed: "Не удалось оформить заказ: {message}",
    mine: "Мои заказы",
    empty: "Заказов пока нет",
    emptyText: "Оформленные заказы и ход их выполнения появятся здесь.",
    order: "Заказ №{id}",
    createdAt: "Оформлен {at}",
    status: {
      in_progress: "Выполняется",
      finished: "Готов",
      error: "Ошибка",
    },
    step: {
      accepted: "Заказ принят",
      building: "Сервер создаётся",
      starting: "Запуск",
      ready: "Сервер готов",
    },
    progress: "Ход выполнения заказа №{id}",
    server: "Сервер",
    ip: "IP-адрес",
    goToServers: "К моим серверам",
    reason: "Причина: {message}",
  },
};

const en: typeof ru = {
  orders: {
    title: "Order a server",
    subtitle: "Pick a plan and an operating system; the server is built automatically",
    choosePlan: "Plan",
    chooseOs: "Operating system",
    submit: "Order",
    submitting: "Placing order…",
    noPlans: "No plans are available for ordering right now.",
    ordered: "Order #{id} placed",
    failed: "Could not place the order: {message}",
    mine: "My orders",
    empty: "No orders yet",
    emptyText: "Orders you place and their progress appear here.",
    order: "Order #{id}",
    createdAt: "Placed {at}",
    status: {
      in_progress: "In progress",
      finished: "Ready",
      error: "Failed",
    },
    step: {
      accepted: "Order accepted",
      building: "Building the server",
      starting: "Starting",
      ready: "Server ready",
    },
    progress: "Progress of order #{id}",
    server: "Server",
    ip: "IP address",
    goToServers: "Go to my servers",
    reason: "Reason: {message}",
  },
};

export default { ru, en };
