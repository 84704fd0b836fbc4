// Strings of the admin lists: users and all VPS.
const ru = {
  adminNav: { users: "Пользователи", vps: "Все VPS" },
  adminUsers: {
    title: "Пользователи",
    searchPlaceholder: "Email, имя или логин",
    role: "Роль",
    allRoles: "Все роли",
    roles: { client: "Клиент", admin: "Администратор" },
    email: "Email",
    name: "Имя",
    username: "Логин",
    vpsCount: "VPS",
    created: "Зарегистрирован",
    total: "{n, plural, =0 {Нет пользователей} one {# пользователь} few {# пользователя} many {# пользователей} other {# пользователя}}",
    empty: "Никого не нашлось",
    showVps: "VPS пользователя {email}",
  },
  adminVps: {
    title: "Все VPS",
    searchPlaceholder: "Имя, IP или ОС",
    owner: "Владелец",
    ownerPlaceholder: "ID, email или логин",
    total: "{n, plural, =0 {Нет серверов} one {# сервер} few {# сервера} many {# серверов} other {# сервера}}",
    empty: "Ни один сервер не подходит под условия",
    specs: "Ресурсы",
  },
  pager: {
    label: "Страницы",
    prev: "Назад",
    next: "Вперёд",
    page: "Страница {page} из {pages}",
    perPage: "По {n} на странице",
  },
};

const en: typeof ru = {
  adminNav: { users: "Users", vps: "All VPS" },
  adminUsers: {
    title: "Users",
    searchPlaceholder: "Email, name or username",
    role: "Role",
    allRoles: "All roles",
    roles: { client: "Client", admin: "Administrator" },
    email: "Email",
    name: "Name",
    username: "Username",
    vpsCount: "VPS",
    created: "Registered",
    total: "{n, plural, =0 {No users} one {# user} other {# users}}",
    empty: "Nobody matches",
    showVps: "VPS of {email}",
  },
  adminVps: {
    title: "All VPS",
    searchPlaceholder: "Name, IP or OS",
    owner: "Owner",
    ownerPlaceholder: "ID, email or username",
    total: "{n, plural, =0 {No servers} one {# server} other {# servers}}",
    empty: "No server matches",
    specs: "Resources",
  },
  pager: {
    label: "Pages",
    prev: "Previous",
    next: "Next",
    page: "Page {page} of {pages}",
    perPage: "{n} per page",
  },
};

const adminLists = { ru, en };
export default adminLists;
