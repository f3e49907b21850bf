import datetime

import pytest

from solidarity.writing.selectors import phrase_options
from tests.factories import MatchFactory, PrisonerFactory


@pytest.fixture
def match(db):
    """An active godparenthood of a person held in a colony, named as the Russian list writes."""
    prisoner = PrisonerFactory(
        name_ru="Колесникова Мария Александровна",
        name_be="Калеснікава Марыя Аляксандраўна",
        name_latin="Maryia Kalesnikava",
        birth_date=datetime.date(1982, 4, 24),
    )
    return MatchFactory(prisoner=prisoner, godparent__full_name="Anna Schmidt")


def phrase_keys(*topics: str, language: str = "ru") -> list[str]:
    """The first phrase of each topic."""
    options = phrase_options(letter_language=language, language="en")
    return [options[topic][0].key for topic in topics]
