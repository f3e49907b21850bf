"""Helpers that build export files in memory, as the defenders publish them."""

import csv
import io

EN_HEADERS = [
    "id", "url", "name and surname", "status", "birthday", "gender", "arrested", "articles",
    "verdict_date", "decision", "penalty", "judge", "prosecutor", "prison", "declaration",
    "release_date", "died",
]  # fmt: skip
RU_HEADERS = [
    "id", "url", "Имя и фамилия", "Статус", "Дата рождения", "Пол", "Задержан", "Статьи",
    "Дата приговора", "Решение", "Наказание", "Судья", "Прокурор", "Тюрьма", "Заявление",
    "Дата освобождения", "Умер",
]  # fmt: skip
BE_HEADERS = [
    "id", "url", "Імя і прозвішча", "Статус", "Дата нараджэння", "Пол", "Затрыманы", "Артыкулы",
    "Дата прысуду", "Рашэнне", "Пакаранне", "Суддзя", "Пракурор", "Турма", "Заява",
    "Дата вызвалення", "Памёр",
]  # fmt: skip
HEADERS = {"en": EN_HEADERS, "ru": RU_HEADERS, "be": BE_HEADERS}
FIELDS = [
    "id", "url", "name", "status", "birthday", "gender", "arrested", "articles", "verdict_date",
    "decision", "penalty", "judge", "prosecutor", "prison", "declaration", "release_date", "died",
]  # fmt: skip


def row(**cells: str) -> dict[str, str]:
    """A row with sensible defaults (a convicted woman in a colony); override any cell."""
    defaults = {
        "id": "1001",
        "name": "Мария Колесникова",
        "status": "active",
        "birthday": "24.04.1982",
        "gender": "ж",
        "arrested": "07.09.2020",
        "articles": "ч.3 ст.361, ч.3 ст.130 УК",
        "verdict_date": "06.09.2021",
        "decision": "11 лет колонии",
        "penalty": "колония общего режима",
        "prison": "ИК-4\nул. Советская, 1\n246035, г. Гомель",
    }
    return {**defaults, **cells}


def make_csv(
    rows: list[dict[str, str]],
    *,
    language: str = "ru",
    delimiter: str = ",",
    encoding="utf-8",
    publicity_header: str | None = None,
) -> bytes:
    """An export; `publicity_header` adds the optional publicity column under that header."""
    fields = [*FIELDS, "publicity"] if publicity_header else FIELDS
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow([*HEADERS[language], *([publicity_header] if publicity_header else [])])
    for cells in rows:
        writer.writerow([cells.get(name, "") for name in fields])
    return buffer.getvalue().encode(encoding)
