"""Uploaded tables (CSV or XLSX) to rows of text, for every import (the defenders' list, actions).

Bytes to rows: encoding and delimiter detection, size and row limits. Then headers to fields:
folding, and one mapping rule that every import shares. A file in an unexpected encoding is
refused rather than imported garbled: names and postal addresses must reach envelopes exactly as
published.
"""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
MAX_BLANK_ROWS = 1_000  # blank rows are kept for line numbers, but not without end
MAX_XLSX_COLUMNS = 40  # the export has about 17; later columns are not read
# A workbook is a zip: 20 MB may inflate to gigabytes (shared strings are read whole).
MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024

TOO_LARGE_ERROR = _("The file is larger than 20 MB.")
UNPACKED_TOO_LARGE_ERROR = _(
    "The workbook unpacks to more than 200 MB, far more than the list needs. "
    "Save it again as CSV and retry."
)
TOO_MANY_ROWS_ERROR = _("The file has more than 20,000 rows.")
EMPTY_FILE_ERROR = _("The file is empty.")
ENCODING_ERROR = _(
    "The file is neither UTF-8 nor Windows-1251 Cyrillic. Save it again as CSV UTF-8 and retry."
)
MALFORMED_CSV_ERROR = _("The CSV file is malformed: %(error)s")
MALFORMED_XLSX_ERROR = _("The file is not a readable XLSX workbook.")
UNKNOWN_FORMAT_ERROR = _("Only CSV and XLSX files can be imported.")
DUPLICATE_COLUMN_ERROR = _("Two columns mean the same field: “%(first)s” and “%(second)s”.")
TOO_MANY_CELLS_ERROR = _("The row has more cells than the header.")


def validate_table_upload(upload) -> None:
    """A form's first check, before anything is read or stored: size and kind of file."""
    if upload.size > MAX_BYTES:
        raise ValidationError(TOO_LARGE_ERROR)
    if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
        raise ValidationError(UNKNOWN_FORMAT_ERROR)


class ImportRefused(Exception):
    """The whole file is refused; the message says why, in the user's language."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = str(message)


# Patterns, not compiled here: every start-up imports this module, and only a file read as
# Windows-1251 needs them (the `re` module compiles them then, and keeps them).
_CYRILLIC_LETTER = r"[а-яёіўА-ЯЁІЎ]"
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
_WORD = r"[^\W\d_]+"
_LOWER_THEN_UPPER = r"[а-яёіў][А-ЯЁІЎ]"
_MIXED_SCRIPT = r"[a-zA-Z][а-яёіўА-ЯЁІЎ]|[а-яёіўА-ЯЁІЎ][a-zA-Z]"


def read_rows(*, content: bytes, filename: str) -> list[list[str]]:
    """The file's rows (header first) as lists of stripped strings; a blank row is []."""
    if len(content) > MAX_BYTES:
        raise ImportRefused(TOO_LARGE_ERROR)
    if not content.strip():
        raise ImportRefused(EMPTY_FILE_ERROR)
    name = filename.lower()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(content)
    elif name.endswith((".csv", ".txt")):
        rows = _csv_rows(decode(content))
    else:
        raise ImportRefused(UNKNOWN_FORMAT_ERROR)
    # Blank rows become [] rather than disappear, so that row numbers match the spreadsheet.
    rows = [row if any(row) else [] for row in rows]
    while rows and not rows[-1]:
        rows.pop()
    while rows and not rows[0]:
        rows.pop(0)
    if not rows:
        raise ImportRefused(EMPTY_FILE_ERROR)
    if sum(1 for row in rows if row) - 1 > MAX_ROWS:
        raise ImportRefused(TOO_MANY_ROWS_ERROR)
    return rows


def decode(content: bytes) -> str:
    """Strict UTF-8 (BOM optional), else Windows-1251 when the result reads as Cyrillic."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = content.decode("cp1251")
    except UnicodeDecodeError as error:
        raise ImportRefused(ENCODING_ERROR) from error
    if not looks_like_cyrillic(text):
        raise ImportRefused(ENCODING_ERROR)
    return text


def looks_like_cyrillic(text: str) -> bool:
    """Real Cyrillic text: mostly lowercase letters, no control bytes, no mixed-script words.

    KOI8-R read as Windows-1251 swaps the cases ("нБТЙС" for "Мария"); UTF-16 brings NUL bytes;
    Latin-1 brings Cyrillic letters glued to Latin ones ("Mьller").
    """
    if re.search(_CONTROL, text):
        return False
    letters = re.findall(_CYRILLIC_LETTER, text)
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not letters or len(letters) < 0.9 * len(non_ascii):
        return False
    cyrillic, lower_then_upper, mixed = (
        re.compile(pattern) for pattern in (_CYRILLIC_LETTER, _LOWER_THEN_UPPER, _MIXED_SCRIPT)
    )
    words = [word for word in re.findall(_WORD, text) if cyrillic.search(word)]
    odd = [word for word in words if lower_then_upper.search(word) or mixed.search(word)]
    uppercase = sum(1 for ch in letters if ch.isupper())
    return len(odd) <= 0.05 * len(words) and uppercase <= 0.6 * len(letters)


def _csv_rows(text: str) -> list[list[str]]:
    header_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=header_line.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        return [[cell.strip() for cell in row] for row in reader]
    except csv.Error as error:
        raise ImportRefused(MALFORMED_CSV_ERROR % {"error": error}) from error


def _xlsx_rows(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # heavy; only needed for workbooks

    _check_unpacked_size(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportRefused(MALFORMED_XLSX_ERROR) from error
    try:
        return _bounded_rows(workbook.worksheets[0])
    finally:
        workbook.close()


def _check_unpacked_size(content: bytes) -> None:
    """Refuse a zip bomb before openpyxl inflates it (the sizes are read from the zip's index)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ImportRefused(MALFORMED_XLSX_ERROR) from error
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise ImportRefused(UNPACKED_TOO_LARGE_ERROR)


def _bounded_rows(sheet) -> list[list[str]]:
    """Rows read lazily and bounded: a tiny workbook can declare a million empty rows or columns."""
    rows = []
    columns = min(sheet.max_column or MAX_XLSX_COLUMNS, MAX_XLSX_COLUMNS)
    for row in sheet.iter_rows(values_only=True, max_col=columns):
        rows.append([_cell_text(value) for value in row])
        if len(rows) > MAX_ROWS + MAX_BLANK_ROWS:
            raise ImportRefused(TOO_MANY_ROWS_ERROR)
    return rows


def _cell_text(value: object) -> str:
    """Spreadsheet values as the CSV export would write them (dates in ISO form)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def fold_header(header: str) -> str:
    """A header as compared: lowercase, "ё" read as "е", every apostrophe as ', underscores and
    runs of spaces as one."""
    text = header.replace("\ufeff", "").replace("_", " ").replace("ё", "е").lower()
    text = re.sub("[’ʼ‘`]", "'", text)  # Belarusian apostrophes, as keyboards type them
    return re.sub(r"\s+", " ", text).strip()


def map_headers(
    headers: list[str], *, field_of: Callable[[str], str | None]
) -> tuple[dict[str, int], list[str]]:
    """Field -> column index by `field_of`, and the other non-blank headers (ignored, and shown).

    Shared by every import: a field named twice is refused, since either column could be meant.
    """
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        field = field_of(header)
        if field is None:
            if header.strip():
                ignored.append(header)
            continue
        if field in columns:
            first = headers[columns[field]]
            raise ImportRefused(DUPLICATE_COLUMN_ERROR % {"first": first, "second": header})
        columns[field] = index
    return columns, ignored
