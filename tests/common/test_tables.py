import io

import pytest
from openpyxl import Workbook

from solidarity.common import tables as reading
from solidarity.common.tables import ImportRefused, read_rows

TEXT = "id;Имя и фамилия;Статус\n1;Мария Колесникова;active\n2;Алесь Беляцкий;former\n"
EXPECTED = [
    ["id", "Имя и фамилия", "Статус"],
    ["1", "Мария Колесникова", "active"],
    ["2", "Алесь Беляцкий", "former"],
]


@pytest.mark.parametrize(
    "content",
    [
        TEXT.encode("utf-8"),
        TEXT.encode("utf-8-sig"),
        TEXT.encode("cp1251"),
        TEXT.replace(";", ",").encode("utf-8"),
        TEXT.replace("\n", "\r\n").encode("cp1251"),
    ],
    ids=["utf8", "utf8-bom", "cp1251", "comma", "cp1251-crlf"],
)
def test_csv_is_read_in_every_accepted_encoding_and_delimiter(content):
    assert read_rows(content=content, filename="list.csv") == EXPECTED


@pytest.mark.parametrize("encoding", ["koi8-r", "utf-16", "latin-1", "cp866"])
def test_any_other_encoding_is_refused_not_garbled(encoding):
    text = TEXT if encoding != "latin-1" else "id;name and surname\n1;Jürgen Müller\n2;Zoë Ärger\n"
    with pytest.raises(ImportRefused) as refused:
        read_rows(content=text.encode(encoding), filename="list.csv")
    assert refused.value.message == str(reading.ENCODING_ERROR)


def test_a_quoted_cell_keeps_its_line_breaks():
    content = 'id,prison\n1,"ИК-4\nул. Советская, 1"\n'.encode()
    assert read_rows(content=content, filename="list.csv")[1] == ["1", "ИК-4\nул. Советская, 1"]


def test_a_malformed_csv_is_refused():
    content = b'id,name\n1,"unterminated\n'
    with pytest.raises(ImportRefused, match="malformed"):
        read_rows(content=content, filename="list.csv")


def test_large_files_and_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_BYTES", 10)
    with pytest.raises(ImportRefused, match="20 MB"):
        read_rows(content=TEXT.encode(), filename="list.csv")
    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    monkeypatch.setattr(reading, "MAX_ROWS", 1)
    with pytest.raises(ImportRefused, match="20,000"):
        read_rows(content=TEXT.encode(), filename="list.csv")


def test_empty_and_unknown_files_are_refused():
    with pytest.raises(ImportRefused, match="empty"):
        read_rows(content=b"  \n", filename="list.csv")
    with pytest.raises(ImportRefused, match="Only CSV and XLSX"):
        read_rows(content=b"x", filename="list.pdf")
    with pytest.raises(ImportRefused, match="not a readable XLSX"):
        read_rows(content=b"not a zip", filename="list.xlsx")


def test_xlsx_is_read_with_dates_in_iso_form():
    import datetime

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["id", "Имя и фамилия", "Дата рождения"])
    sheet.append([1, "Мария Колесникова", datetime.datetime(1982, 4, 24)])
    sheet.append([None, None, None])
    sheet.append([2, "Алесь Беляцкий", None])
    sheet.append([None, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = read_rows(content=buffer.getvalue(), filename="list.XLSX")
    assert rows == [
        ["id", "Имя и фамилия", "Дата рождения"],
        ["1", "Мария Колесникова", "1982-04-24"],
        [],
        ["2", "Алесь Беляцкий", ""],
    ]


def test_a_tiny_workbook_declaring_endless_rows_is_refused_without_reading_them_all():
    import io

    from openpyxl import Workbook

    from solidarity.common.tables import MAX_ROWS

    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "id"
    sheet["XFD1"] = "far away"
    sheet.cell(row=MAX_ROWS + 5000, column=1, value="last")
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert len(buffer.getvalue()) < 20_000

    with pytest.raises(ImportRefused):
        read_rows(content=buffer.getvalue(), filename="list.xlsx")


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_before_it_is_opened(monkeypatch):
    workbook = Workbook()
    workbook.active.append(["id", "name"])
    workbook.active.append(["1", "x" * 5000])
    buffer = io.BytesIO()
    workbook.save(buffer)
    monkeypatch.setattr(reading, "MAX_XLSX_UNPACKED_BYTES", 4000)
    with pytest.raises(ImportRefused, match="unpacks to more than"):
        read_rows(content=buffer.getvalue(), filename="list.xlsx")
