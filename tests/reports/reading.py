"""Reading a report's files back in tests: the HTML's tables and the workbook's cells as text."""

import datetime
import html
import re

_TABLE = re.compile(r'<table id="t-([\w-]+)" data-sheet="([^"]*)".*?<tbody>(.*?)</tbody>', re.S)


def html_tables(page: str) -> dict[str, tuple[str, list[list[str]]]]:
    """Table key -> (its sheet's name, its body rows as the text of their cells)."""
    tables = {}
    for key, sheet, body in _TABLE.findall(page):
        rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
        tables[key] = (
            html.unescape(sheet),
            [
                [
                    html.unescape(re.sub(r"<[^>]+>", "", cell).strip())
                    for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
                ]
                for row in rows
            ],
        )
    return tables


def cell_text(value) -> str:
    """A cell as text; numbers as floats, since a workbook reads 24.0 back as 24."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):  # how a workbook gives a date back
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return str(float(value))
    except ValueError:
        return str(value)


def shown_as_stored(cell: str, key: str) -> str:
    """An HTML cell as the workbook holds it: the summary adds a unit, a sign and a dash."""
    if key == "summary":
        cell = "" if cell == "–" else cell.removesuffix("%").removeprefix("+")
    return cell_text(cell)


def sheet_rows(sheet) -> list[list[str]]:
    """A sheet's rows below its header, as text, without the quote that escapes a formula."""
    return [
        [cell_text(value).removeprefix("'") for value in row]
        for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
