"""The public listing's filters, sort, search, pagination and counters (issue 3, item 1).

Every public record has a NONE twin that matches exactly the same filters: a canary that must
never appear in results, counters or option lists.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from solidarity.matching.models import MatchStatus
from solidarity.prisoners.choices import Gender, Publicity, Region, Status
from solidarity.prisoners.search import prisoner_search
from solidarity.prisoners.selectors import prisoner_list_public
from tests.factories import (
    ChargeFactory,
    CriminalArticleFactory,
    FacilityFactory,
    MatchFactory,
    PrisonerFactory,
)

pytestmark = pytest.mark.django_db

PEOPLE = {
    "anna": {
        "name_latin": "Anna Alpha", "name_be": "Ганна Альфа", "name_ru": "Анна Альфа",
        "region": Region.BREST, "gender": Gender.FEMALE, "status": Status.CONVICTED,
        "sentence_months": 18, "detained_on": datetime.date(2021, 1, 1), "article": "342",
    },
    "boris": {
        "name_latin": "Boris Beta", "name_be": "Барыс Бэта", "name_ru": "Борис Бета",
        "region": Region.GOMEL, "gender": Gender.MALE, "status": Status.PRE_TRIAL,
        "sentence_months": None, "detained_on": datetime.date(2023, 5, 1), "article": "361-1",
    },
    "dmitry": {
        "name_latin": "Dmitry Delta", "name_be": "Дзмітрый Дэльта", "name_ru": "Дмитрий Дельта",
        "region": Region.MINSK_CITY, "gender": Gender.MALE, "status": Status.CONVICTED,
        "sentence_months": 150, "detained_on": datetime.date(2022, 1, 1), "article": "130",
    },
    "vera": {
        "name_latin": "Vera Gamma", "name_be": "Вера Гама", "name_ru": "Вера Гамма",
        "region": Region.BREST, "gender": Gender.FEMALE, "status": Status.RELEASED_SERVED,
        "sentence_months": 48, "detained_on": datetime.date(2020, 9, 1), "article": "342",
    },
}  # fmt: skip
FACILITY_OF = {"anna": "a", "vera": "a", "boris": "b", "dmitry": "b"}
ALL = ["anna", "boris", "dmitry", "vera"]


def make_person(*, facility, publicity, prefix="", article, **fields):
    names = {key: prefix + fields.pop(key) for key in ("name_latin", "name_be", "name_ru")}
    prisoner = PrisonerFactory(
        facility=facility, publicity=publicity, verdict_date=None, **names, **fields
    )
    ChargeFactory(prisoner=prisoner, article=CriminalArticleFactory(number=article))
    return prisoner


@pytest.fixture
def people(site):
    """Four public records (Anna has an active godparent, Dmitry a declined offer) and canaries."""
    facilities = {"a": FacilityFactory(region=Region.BREST), "b": FacilityFactory()}
    records = {}
    for key, fields in PEOPLE.items():
        facility = facilities[FACILITY_OF[key]]
        records[key] = make_person(facility=facility, publicity=Publicity.BASIC, **fields)
        make_person(facility=facility, publicity=Publicity.NONE, prefix="Hidden ", **fields)
    MatchFactory(prisoner=records["anna"], status=MatchStatus.ACTIVE)
    MatchFactory(prisoner=records["dmitry"], status=MatchStatus.DECLINED)
    secret = FacilityFactory(name="Secret facility", name_latin="Secret facility")
    hidden = make_person(
        facility=secret, publicity=Publicity.NONE, prefix="Hidden ", **PEOPLE["anna"]
    )
    ChargeFactory(
        prisoner=hidden, article=CriminalArticleFactory(number="999", title_en="Secret article")
    )
    return {**records, "facilities": facilities}


def listing(client, query: str = "", *, lang: str = "en"):
    response = client.get(f"/{lang}/prisoners/{query}")
    assert response.status_code == 200
    return response


def names_in(response) -> list[str]:
    return [prisoner.name_latin for prisoner in response.context["page_obj"].object_list]


def first_names(keys: list[str]) -> list[str]:
    return [PEOPLE[key]["name_latin"] for key in keys]


def test_listing_without_filters_shows_every_public_record_by_name(client, people):
    response = listing(client)
    assert names_in(response) == first_names(ALL)
    assert "Hidden" not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=held", ["anna", "boris", "dmitry"]),
        ("?status=released", ["vera"]),
        ("?status=pre_trial", ["boris"]),
        ("?region=brest", ["anna", "vera"]),
        ("?article=342", ["anna", "vera"]),
        ("?article=361-1", ["boris"]),
        ("?gender=male", ["boris", "dmitry"]),
        ("?sentence=under-2", ["anna"]),
        ("?sentence=2-5", ["vera"]),
        ("?sentence=5-10", []),
        ("?sentence=over-10", ["dmitry"]),
        ("?no_godparent=on", ["boris", "dmitry", "vera"]),
    ],
)
def test_each_filter_narrows_the_listing_to_matching_public_records(
    client, people, query, expected
):
    response = listing(client, query)
    assert names_in(response) == first_names(expected)
    assert "Hidden" not in response.content.decode()


def test_facility_filter_narrows_the_listing(client, people):
    facility = people["facilities"]["a"]
    assert names_in(listing(client, f"?facility={facility.pk}")) == first_names(["anna", "vera"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?region=brest&gender=female&status=held", ["anna"]),
        ("?status=held&gender=male&no_godparent=on", ["boris", "dmitry"]),
        ("?region=brest&no_godparent=on", ["vera"]),
        ("?article=342&sentence=2-5&status=released", ["vera"]),
        ("?region=gomel&article=342", []),
    ],
)
def test_filters_combine(client, people, query, expected):
    assert names_in(listing(client, query)) == first_names(expected)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["anna", "boris", "dmitry", "vera"]),
        ("detained", ["boris", "dmitry", "anna", "vera"]),
        ("sentence", ["dmitry", "vera", "anna", "boris"]),
    ],
)
def test_sort_orders(client, people, sort, expected):
    assert names_in(listing(client, f"?sort={sort}")) == first_names(expected)


def test_counters_count_public_records_held_now_and_those_without_a_godparent(client, people):
    response = listing(client, "?region=brest")
    counts = response.context["counts"]
    assert (counts["held_now"], counts["without_godparent"]) == (3, 2)
    assert response.context["page_obj"].paginator.count == 2
    assert "2 results" in response.content.decode()


def test_option_lists_offer_only_facilities_and_articles_of_public_records(client, people):
    form = listing(client).context["filter_form"]
    facility_values = [value for value, _label in form.fields["facility"].choices if value]
    assert sorted(facility_values) == sorted(str(f.pk) for f in people["facilities"].values())
    article_values = [value for value, _label in form.fields["article"].choices if value]
    assert article_values == ["130", "342", "361-1"]
    assert "Secret" not in listing(client).content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "?region=mars",
        "?facility=abc",
        "?facility=999999",
        "?article=nope",
        "?status=asleep",
        "?sentence=forever",
        "?sort=random",
        "?no_godparent=maybe",
        "?page=abc",
        "?page=999",
        "?page=-1",
        "?q=" + "x" * 500,
    ],
)
def test_invalid_values_are_ignored_without_an_error(client, people, query):
    assert listing(client, query).status_code == 200


def test_an_invalid_value_does_not_cancel_the_valid_filters(client, people):
    response = listing(client, "?region=mars&gender=male&sort=random")
    assert names_in(response) == first_names(["boris", "dmitry"])


@pytest.fixture
def crowd(people):
    """Thirty public records in Grodno, so that the filtered listing has two pages."""
    PrisonerFactory.create_batch(30, region=Region.GRODNO, name_latin="Grodno Person")


def test_pagination_links_keep_the_filters(client, crowd):
    response = listing(client, "?region=grodno&sort=detained")
    assert response.context["page_obj"].paginator.num_pages == 2
    html = response.content.decode()
    assert 'href="?region=grodno&amp;sort=detained&amp;page=2"' in html
    second = listing(client, "?region=grodno&sort=detained&page=2")
    assert len(second.context["page_obj"].object_list) == 6
    assert 'href="?region=grodno&amp;sort=detained&amp;page=1"' in second.content.decode()


@pytest.fixture
def kalesnikava(site):
    """Kalesnikava in public, and a hidden record with the same names."""
    PrisonerFactory(publicity=Publicity.NONE, external_id="hidden-kalesnikava")
    return PrisonerFactory(publicity=Publicity.FULL)


@pytest.mark.parametrize("spelling", ["Kolesnikova", "Колесникова", "Калеснікава", "Kalesnikava"])
def test_a_search_finds_kalesnikava_by_any_spelling(client, kalesnikava, spelling):
    response = listing(client, f"?q={spelling}")
    assert [p.pk for p in response.context["page_obj"].object_list] == [kalesnikava.pk]


def test_a_search_keeps_the_search_ranking_unless_a_sort_is_chosen(client, kalesnikava):
    namesake = PrisonerFactory(
        name_latin="Maria Kolesnikova", name_be="", name_ru="", sentence_months=200
    )
    expected = [p.pk for p in prisoner_search(queryset=prisoner_list_public(), query="Kalesnikava")]
    response = listing(client, "?q=Kalesnikava")
    assert [p.pk for p in response.context["page_obj"].object_list] == expected
    by_sentence = listing(client, "?q=Kalesnikava&sort=sentence").context["page_obj"]
    assert [p.pk for p in by_sentence.object_list] == [namesake.pk, kalesnikava.pk]


@pytest.mark.parametrize(("lang", "name"), [("be", "Ганна Альфа"), ("ru", "Анна Альфа")])
def test_the_filtered_listing_works_in_belarusian_and_russian(client, people, lang, name):
    response = listing(client, "?region=brest&status=held", lang=lang)
    assert names_in(response) == ["Anna Alpha"]
    html = response.content.decode()
    assert name in html
    assert "Hidden" not in html
    assert "Схаван" not in html


def test_the_filter_form_is_accessible(client, people):
    html = listing(client).content.decode()
    assert '<form role="search"' in html
    assert "<fieldset>" in html
    assert "<legend>" in html
    assert 'aria-live="polite"' in html
    for field in ("q", "status", "region", "facility", "article", "gender", "sentence", "sort"):
        assert f'<label for="id_{field}"' in html
    assert '<label for="id_no_godparent"' in html


def add_public_prisoners(count: int) -> None:
    facility = FacilityFactory()
    articles = [CriminalArticleFactory(number=n) for n in ("342", "361-1")]
    batch = PrisonerFactory.create_batch(
        count, facility=facility, publicity=Publicity.BASIC, region=Region.BREST
    )
    for index, prisoner in enumerate(batch):
        for article in articles:
            ChargeFactory(prisoner=prisoner, article=article)
        if index % 2:
            MatchFactory(prisoner=prisoner, status=MatchStatus.ACTIVE)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        listing(client, url)
    return len(queries)


FILTERED = "?q=Kalesnikava&status=held&region=brest&article=342&sentence=over-10&sort=detained"


@pytest.mark.parametrize("query", ["", FILTERED, "?no_godparent=on&gender=female&page=2"])
@pytest.mark.usefixtures("page_cache_off")
def test_the_listing_runs_as_many_queries_for_120_prisoners_as_for_30(
    client, make_profile, django_assert_max_num_queries, query
):
    make_profile(region=Region.BREST)
    add_public_prisoners(29)
    listing(client, query)  # warm the site root paths cache
    with_30 = count_queries(client, query)
    add_public_prisoners(90)
    listing(client, query)  # the counters of the new page-cache generation (cms/counters.py)
    with django_assert_max_num_queries(with_30):
        listing(client, query)
    with django_assert_max_num_queries(25):
        listing(client, query)
