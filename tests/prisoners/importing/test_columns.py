import pytest

from solidarity.common.tables import ImportRefused
from solidarity.prisoners.importing import columns
from solidarity.prisoners.importing.columns import detect_language, map_columns
from tests.prisoners.importing.files import HEADERS


@pytest.mark.parametrize("language", ["en", "ru", "be"])
def test_every_column_of_each_export_is_recognised(language):
    mapping, ignored = map_columns(HEADERS[language])
    assert set(mapping) == set(columns.HEADERS) - {"publicity"}  # not in the published export
    assert ignored == []
    assert detect_language(HEADERS[language]) == language


@pytest.mark.parametrize("header", ["publicity", "Публичность", "публічнасць", "withheld"])
def test_the_optional_publicity_column_is_recognised(header):
    mapping, _ignored = map_columns(["id", "name", header])
    assert mapping["publicity"] == 2


def test_headers_are_compared_after_folding():
    mapping, _ignored = map_columns(["\ufeffID", "  Имя  и ФАМИЛИЯ ", "Verdict_Date", "Памер"])
    assert mapping == {"id": 0, "name": 1, "verdict_date": 2, "died": 3}


def test_unknown_columns_are_ignored_and_listed():
    _mapping, ignored = map_columns(["id", "name and surname", "notes", ""])
    assert ignored == ["notes"]


def test_two_columns_for_one_field_are_refused():
    with pytest.raises(ImportRefused, match="mean the same field"):
        map_columns(["name", "name and surname"])


def test_an_unknown_language_option_is_refused():
    with pytest.raises(ImportRefused) as refused:
        detect_language(["name"], requested="de")
    assert refused.value.message == str(columns.UNKNOWN_LANGUAGE_ERROR % {"language": "de"})
