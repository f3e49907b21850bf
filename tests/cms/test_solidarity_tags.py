"""Unit tests of the small template helpers."""

import datetime
import re

from django.utils import translation

from cms.templatetags.solidarity_tags import age_on, get_item, local_date


def test_age_counts_whole_years_before_the_birthday():
    assert age_on(datetime.date(1982, 4, 24), datetime.date(2026, 4, 23)) == 43


def test_age_counts_the_birthday_itself():
    assert age_on(datetime.date(1982, 4, 24), datetime.date(2026, 4, 24)) == 44


def test_age_without_a_birth_date_is_none():
    assert age_on(None) is None


def test_get_item_reads_a_dict_by_a_variable_key_and_tolerates_none():
    assert get_item({3: "/en/prisoners/x/"}, 3) == "/en/prisoners/x/"
    assert get_item(None, 3) is None


def test_belarusian_dates_use_the_day_month_year_order():
    with translation.override("be"):
        # Django's catalogue spells the month in classical orthography (верасьня).
        assert re.fullmatch(r"7 верас\w+ 2020", local_date(datetime.date(2020, 9, 7)))


def test_english_dates_put_the_day_first_as_the_english_list_does():
    with translation.override("en"):
        assert local_date(datetime.date(2020, 9, 7)) == "7 September 2020"
