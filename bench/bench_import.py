"""Benchmark: importing the full defenders' list (5,000 rows) with `manage.py import_prisoners`.

Builds a Russian export of BENCH_IMPORT_ROWS rows (default 5000) shaped like the real one
(multi-line prison cells, several articles, partial birthdays), then times on a throwaway
database (SQLite, or PostgreSQL with BENCH_DATABASE_URL, as bench_seed):
the first import (every row new), the same file again (nothing changes), and a later export in
which half of the people were released (one status change and history entry each).
Each time includes the dry run that applying repeats inside its transaction.
"""

import csv
import datetime
import io
import os
import random
import tempfile
import time
from pathlib import Path

from bench.bench_seed import _database, _manage

HEADERS = [
    "id", "url", "Имя и фамилия", "Статус", "Дата рождения", "Пол", "Задержан", "Статьи",
    "Дата приговора", "Решение", "Наказание", "Судья", "Прокурор", "Тюрьма", "Заявление",
    "Дата освобождения", "Умер",
]  # fmt: skip
FIRST = ["Мария", "Алесь", "Игорь", "Ольга", "Павел", "Наталья", "Виктор", "Елена", "Денис"]
LAST = ["Колесникова", "Беляцкий", "Лосик", "Знак", "Бабарико", "Тихановский", "Статкевич"]
ARTICLES = ["ч.1 ст.342", "ч.3 ст.361", "ч.2 ст.130", "ст.369", "ч.1 ст.357", "ч.2 ст.293"]
TOWNS = ["Гомель", "Могилёв", "Витебск", "Новополоцк", "Шклов", "Ивацевичи", "Горки", "Глубокое"]


def run() -> list[dict]:
    rows = int(os.environ.get("BENCH_IMPORT_ROWS", "5000"))
    with tempfile.TemporaryDirectory(prefix="importbench-") as directory, _database() as db:
        url, backend = db
        first = Path(directory) / "list.csv"
        later = Path(directory) / "list-later.csv"
        first.write_bytes(_export(rows, released_every=0))
        later.write_bytes(_export(rows, released_every=2))
        _manage(url, "migrate", "--no-input", "-v0")
        _manage(url, "createcachetable")
        results = [
            ("first import, every row new", _timed_import(url, first)),
            ("same file again (no change)", _timed_import(url, first)),
            (f"{rows // 2} released (status changes)", _timed_import(url, later)),
        ]
    return [
        {
            "name": f"import {rows} rows: {label}",
            "value": round(seconds, 1),
            "unit": "s",
            "note": f"{backend}; dry run + apply, manage.py import_prisoners --apply",
        }
        for label, seconds in results
    ]


def _timed_import(url: str, path: Path) -> float:
    started = time.perf_counter()
    _manage(url, "import_prisoners", str(path), "--apply")
    return time.perf_counter() - started


def _export(rows: int, *, released_every: int) -> bytes:
    """A deterministic export; with `released_every` n, every n-th person is now released."""
    generator = random.Random(2026)  # deterministic test data
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for number in range(1, rows + 1):
        arrested = datetime.date(2020, 8, 1) + datetime.timedelta(days=generator.randrange(1800))
        verdict = arrested + datetime.timedelta(days=generator.randrange(90, 400))
        released = released_every and number % released_every == 0
        town = generator.choice(TOWNS)
        colony = f"ИК-{generator.randrange(1, 25)}"
        writer.writerow(
            [
                str(number),
                f"https://prisoners.example.org/ru/person/{number}",
                f"{generator.choice(FIRST)} {generator.choice(LAST)}{number}",
                "former" if released else "active",
                _birthday(generator),
                generator.choice(["м", "ж"]),
                arrested.strftime("%d.%m.%Y"),
                ", ".join(generator.sample(ARTICLES, generator.randrange(1, 4))) + " УК",
                verdict.strftime("%d.%m.%Y") if verdict < datetime.date(2026, 1, 1) else "",
                f"{generator.randrange(2, 15)} лет колонии",
                "колония усиленного режима",
                "",
                "",
                f"{colony} {town}\nул. Ленина, {generator.randrange(1, 99)}\n{town}",
                "",
                "01.10.2026" if released else "",
                "",
            ]
        )
    return buffer.getvalue().encode()


def _birthday(generator: random.Random) -> str:
    year = generator.randrange(1950, 2004)
    kind = generator.random()
    if kind < 0.1:
        return str(year)
    if kind < 0.2:
        return f"{generator.randrange(1, 13):02d}.{year}"
    return f"{generator.randrange(1, 29):02d}.{generator.randrange(1, 13):02d}.{year}"


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']:<52} {row['value']:>8} {row['unit']}  {row['note']}")
