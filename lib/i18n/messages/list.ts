// Words of every list page: search, filters, sort, an empty result, the pager. The list kit
// (DataTable, EmptyState, list shell, Pager) reads only this namespace; keep its keys stable.
const ru = {
  list: {
    search: "Поиск",
    apply: "Применить",
    reset: "Сбросить",
    sort: "Сортировка",
    sortBy: "Сортировать по «{column}»",
    shown: "Показано {shown} из {total}",
    noMatchTitle: "Ничего не найдено",
    pager: {
      label: "Страницы",
      prev: "Назад",
      next: "Вперёд",
      page: "Страница {page} из {pages}",
      perPage: "По {n} на странице",
    },
  },
};

const en: typeof ru = {
  list: {
    search: "Search",
    apply: "Apply",
    reset: "Reset",
    sort: "Sort",
    sortBy: "Sort by {column}",
    shown: "Showing {shown} of {total}",
    noMatchTitle: "Nothing found",
    pager: {
      label: "Pages",
      prev: "Previous",
      next: "Next",
      page: "Page {page} of {pages}",
      perPage: "{n} per page",
    },
  },
};

export default { ru, en };
