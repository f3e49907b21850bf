"""Dates, numbers and names in each language: the formats in solidarity/formats/ and the
catalogues in locale_vendor/ (Belarusian month and country names from CLDR)."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.template import Context, Template
from django.utils import translation
from django_countries import countries
from time_machine import travel

from solidarity.accounts.roles import Role
from tests.factories.accounts import user_with_role
from tests.factories.godparents import GodparentProfileFactory
from tests.factories.matching import MatchFactory
from tests.factories.prisoners import PrisonerFactory

DAY = datetime.date(2026, 3, 15)
FORMATS = Template(
    '{{ d|date:"DATE_FORMAT" }}|{{ d|date:"SHORT_DATE_FORMAT" }}|{{ d|date:"MONTH_DAY_FORMAT" }}'
    '|{{ d|date:"YEAR_MONTH_FORMAT" }}|{{ t|date:"DATETIME_FORMAT" }}|{{ n|floatformat:"2g" }}'
)


def _render(code: str) -> list[str]:
    context = Context({"d": DAY, "t": datetime.datetime(2026, 3, 15, 14, 5), "n": 12345.5})
    with translation.override(code):
        return FORMATS.render(context).split("|")


def test_belarusian_dates_and_numbers_are_written_the_belarusian_way():
    assert _render("be") == [
        "15 сакавіка 2026",
        "15.03.2026",
        "15 сакавіка",
        "Сакавік 2026",  # the nominative where the month stands alone
        "15 сакавіка 2026, 14:05",
        "12\xa0345,50",
    ]


def test_russian_keeps_djangos_formats_and_english_writes_the_day_first():
    assert _render("ru")[:3] == ["15 марта 2026 г.", "15.03.2026", "15 марта"]
    assert _render("en")[:3] == ["15 March 2026", "15/03/2026", "15 March"]


def test_every_belarusian_month_has_its_nominative_and_genitive():
    with translation.override("be"):
        names = [Template('{{ d|date:"F E" }}').render(Context({"d": DAY.replace(month=m)}))
                 for m in range(1, 13)]  # fmt: skip
    assert names[4] == "Май мая"
    assert names[8] == "Верасень верасня"  # the standard orthography, not "верасьня"
    assert all(re.fullmatch(r"[А-ЯЁІЎ][а-яёіў]+ [а-яёіў]+", name) for name in names)


def test_every_country_has_a_belarusian_name():
    with translation.override("be"):
        names = dict(countries)
    assert names["DE"] == "Германія"
    assert names["GB"] == "Вялікабрытанія"
    assert [code for code, name in names.items() if re.search("[A-Za-z]", name)] == []
    with translation.override("ru"):
        assert countries.name("DE") == "Германия"  # Russian still comes from django-countries


@pytest.mark.django_db
@travel(datetime.datetime(2026, 4, 10, 12, 0), tick=False)
def test_the_dashboard_gives_the_birthday_in_the_genitive(client):
    godparent = GodparentProfileFactory(user=user_with_role(Role.GODPARENT))
    EmailAddress.objects.create(
        user=godparent.user, email=godparent.user.email, verified=True, primary=True
    )
    MatchFactory(
        godparent=godparent, prisoner=PrisonerFactory(birth_date=datetime.date(1982, 5, 1))
    )
    client.force_login(godparent.user)

    pages = {code: client.get(f"/{code}/me/").content.decode() for code in ("en", "be", "ru")}

    assert "<dd>1 May</dd>" in pages["en"]
    assert "<dd>1 мая</dd>" in pages["be"]
    assert "<dd>1 мая</dd>" in pages["ru"]  # not "1 Май"
