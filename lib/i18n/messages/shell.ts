// The app shell: header navigation, language switcher, sign-out.
const ru = {
  nav: {
    dashboard: "Мои серверы",
    admin: "Администрирование",
    signOut: "Выйти",
    language: "Язык",
    skip: "Перейти к содержимому",
    orders: "Заказать",
    plans: "Тарифы",
    menu: "Меню",
  },
};

const en: typeof ru = {
  nav: {
    dashboard: "My servers",
    admin: "Administration",
    signOut: "Sign out",
    language: "Language",
    skip: "Skip to content",
    orders: "Order",
    plans: "Plans",
    menu: "Menu",
  },
};

export default { ru, en };
