// Words of the list-page kit (components/list/): filters, pager, counts. Namespace `list`.
const ru = {
  list: {
    search: "Поиск",
    apply: "Применить",
    reset: "Сбросить",
    shown: "Показано {shown} из {total}",
    pager: {
      label: "Страницы",
      prev: "Назад",
      next: "Вперёд",
      page: "Страница {page} из {pages}",
    },
  },
};

const en: typeof ru = {
  list: {
    search: "Search",
    apply: "Apply",
    reset: "Reset",
    shown: "Showing {shown} of {total}",
    pager: {
      label: "Pages",
      prev: "Previous",
      next: "Next",
      page: "Page {page} of {pages}",
    },
  },
};

export default { ru, en };
