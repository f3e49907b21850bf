"""A profile says where its facts come from, prints the sentence once, and shows exactly the
facts its publicity level allows (docs/publicity.md)."""

import datetime
from html.parser import HTMLParser

import pytest

from cms.models import PrisonerPage
from solidarity.prisoners.choices import PenaltyType, Publicity, Status
from solidarity.prisoners.models import StatusChange
from tests.factories import ChargeFactory, GodparentProfileFactory, MatchFactory, PrisonerFactory

pytestmark = pytest.mark.django_db

SOURCE = "https://www.prisoners.example.org/en/person/9001"
STATEMENT = "https://prisoners.example.org/en/statements/9001"
INTERESTS = "INTERESTS-MARKER chess, birds"

# The facts every public profile shows (docs/publicity.md, Basic and Full alike), for a record
# held today with every public field filled in.
BASIC_FACTS = {
    "Name",
    "Born",
    "Detained",
    "Criminal Code articles",
    "Charges, as published",
    "Verdict",
    "Sentence",
    "Expected release",
    "Facility",
    "Source",
    "Recognition",
    "Last verified",
}
BASIC_SECTIONS = {"Facts", "Godparents", "Support", "Status history", "Write a letter"}


class _Profile(HTMLParser):
    """The facts (`dt`), section headings (`h2`), photo and "topics for letters" of a profile
    (its `<article>`: the site's header and footer are not the profile)."""

    def __init__(self, html: str):
        super().__init__()
        self.facts: list[str] = []
        self.sections: list[str] = []
        self.photos = 0
        self.topics = False
        self._into: list[str] | None = None
        self.feed(html[html.index('<article class="profile">') : html.index("</article>")])

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("dt", "h2"):
            self._into = self.facts if tag == "dt" else self.sections
            self._into.append("")
        if tag == "img" and "profile__photo" in (attributes.get("class") or ""):
            self.photos += 1

    def handle_endtag(self, tag):
        if tag in ("dt", "h2"):
            self._into = None

    def handle_data(self, data):
        if self._into is not None:
            self._into[-1] += data.strip()
        if "Topics for letters" in data:
            self.topics = True


@pytest.fixture
def held(site):
    """A record held today, with every fact a profile can show filled in."""
    prisoner = PrisonerFactory(
        publicity=Publicity.BASIC,
        status=Status.CONVICTED,
        sentence_text_en="4 years, colony, general regime",
        sentence_months=48,
        penalty_type=PenaltyType.COLONY_GENERAL,
        charges_text_en="Part 2 of Art. 293 of the Criminal Code",
        expected_release_on=datetime.date(2030, 9, 7),
        interests=INTERESTS,
        source_url_en=SOURCE,
        recognition_statement_url_en=STATEMENT,
        last_verified_on=datetime.date(2026, 3, 15),
    )
    StatusChange.objects.create(
        prisoner=prisoner, to_status=Status.CONVICTED, effective_on=datetime.date(2021, 9, 6)
    )
    ChargeFactory(prisoner=prisoner)
    MatchFactory(prisoner=prisoner, godparent=GodparentProfileFactory(full_name="Listed Member"))
    return prisoner


def _editorial(listings, held, photo, publicity):
    """`held`'s editorial page at `publicity`, with a photo and a story that Basic never shows."""
    held.publicity = publicity
    held.save()
    return listings["en"].add_child(
        instance=PrisonerPage(
            title=held.name_latin,
            slug="editorial",
            prisoner=held,
            photo=photo,
            story=[("paragraph", "<p>The story.</p>")],
        )
    )


def test_a_basic_profile_shows_exactly_the_basic_facts(client, listings, held, photo):
    page = _editorial(listings, held, photo, Publicity.BASIC)

    profile = _Profile(client.get(page.url).content.decode())

    assert set(profile.facts) == BASIC_FACTS
    assert len(profile.facts) == len(BASIC_FACTS)  # each once
    assert set(profile.sections) == BASIC_SECTIONS
    assert (profile.photos, profile.topics) == (0, False)


def test_a_full_profile_adds_the_photo_the_story_and_the_topics(client, listings, held, photo):
    page = _editorial(listings, held, photo, Publicity.FULL)

    profile = _Profile(client.get(page.url).content.decode())

    assert set(profile.facts) == BASIC_FACTS
    assert set(profile.sections) == BASIC_SECTIONS | {"Story"}
    assert (profile.photos, profile.topics) == (1, True)


def test_a_record_profile_links_its_source_and_the_recognition_statement(client, listings, held):
    html = client.get(f"{listings['en'].url}{held.profile_slug}/").content.decode()

    assert f'<a href="{SOURCE}" rel="external noopener">prisoners.example.org</a>' in html
    assert f'<a href="{STATEMENT}" rel="external noopener">' in html
    assert "Recognised as a political prisoner by human rights defenders" in html
    assert '<time datetime="2026-03-15">15 March 2026</time>' in html


def test_a_belarusian_profile_says_the_source_is_in_english_and_names_countries_in_belarusian(
    client, listings, held
):
    html = client.get(f"{listings['be'].url}{held.profile_slug}/").content.decode()

    assert "Listed Member" in html
    assert ", Германія</span>" in html  # the godparent's parliament is German (CLDR's name)
    assert '<span lang="ru">Статья 342</span>' in html  # no Belarusian title: the Russian one
    assert f'<a href="{SOURCE}" rel="external noopener" hreflang="en">' in html
    assert "Заява праваабаронцаў аб прызнанні палітвязнем" in html
    assert '<time datetime="2026-03-15">15 сакавіка 2026</time>' in html


def test_only_the_sources_that_are_known_are_mentioned(client, listings, site):
    record = PrisonerFactory(publicity=Publicity.BASIC, last_verified_on=datetime.date(2026, 3, 1))

    profile = _Profile(client.get(f"{listings['en'].url}{record.profile_slug}/").content.decode())

    assert {"Source", "Recognition", "Last verified"} & set(profile.facts) == {"Last verified"}


SENTENCES = {
    "en": "<dd>4 years, colony, general regime</dd>",
    "be": "<dd>4 гады, калонія агульнага рэжыму</dd>",  # the list's text is English
    "ru": "<dd>4 года, колония общего режима</dd>",
}


def test_the_sentence_is_printed_once_in_the_pages_language(client, listings, held):
    for code, sentence in SENTENCES.items():
        html = client.get(f"{listings[code].url}{held.profile_slug}/").content.decode()

        assert sentence in html
        assert sum(html.count(word) for word in ("рэжым", "режим", "regime")) == 1


def test_an_english_sentence_without_structured_facts_is_marked_english(client, listings, site):
    record = PrisonerFactory(
        publicity=Publicity.BASIC,
        sentence_text_en="3 years of restricted freedom",
        sentence_months=None,
    )

    html = client.get(f"{listings['ru'].url}{record.profile_slug}/").content.decode()

    assert '<dd lang="en">3 years of restricted freedom</dd>' in html


BIRTHDAYS = {
    "en": ("1 May 1982", "Birthday on 1 May"),
    "be": ("1 мая 1982", "Дзень нараджэння 1 мая"),
    "ru": ("1 мая 1982 г.", "День рождения 1 мая"),  # the genitive: "1 мая", never "1 Май"
}


def test_the_birth_date_and_birthday_read_naturally_in_each_language(client, listings, site):
    record = PrisonerFactory(publicity=Publicity.BASIC, birth_date=datetime.date(1982, 5, 1))
    for code, (born, birthday) in BIRTHDAYS.items():
        html = client.get(f"{listings[code].url}{record.profile_slug}/").content.decode()

        assert f'<time datetime="1982-05-01">{born}</time>' in html
        assert birthday in html
