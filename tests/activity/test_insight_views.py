"""The letter insight's admin pages: who may open them, what they show and what they never show,
and a facility table whose query count does not grow with the data."""

import datetime
import random

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from solidarity.accounts.roles import Role
from solidarity.activity.models import Letter, LetterOutcome
from solidarity.prisoners.models import Prisoner
from tests.factories import FacilityFactory, GodparentProfileFactory, LetterFactory, PrisonerFactory

pytestmark = pytest.mark.django_db

REPLY, RETURNED = LetterOutcome.REPLY_RECEIVED, LetterOutcome.RETURNED
STAFF = [Role.DEFENDER, Role.ORGANISER, Role.ADMIN]
GODPARENT_NAME = "Gerda CanaryGodparent"
GODPARENT_EMAIL = "canary-godparent@bundestag.example"
LETTER_NOTE = "CANARY-INSIGHT-NOTE-5e1"
SCAN_NAME = "canary-scan-5e1"
# The most the facility page runs, measured: the same at every data size (session, user, roles,
# MFA check, Wagtail's menu and the one aggregate query).
FACILITY_PAGE_MAX_QUERIES = 12


def index_url(**params) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("letter_insight:index") + (f"?{query}" if query else "")


def prisoner_url(prisoner) -> str:
    return reverse("letter_insight:prisoner", args=[prisoner.pk])


@pytest.fixture
def defender_client(client, role_users):
    client.force_login(role_users[Role.DEFENDER])
    return client


@pytest.fixture
def discreet_letters():
    """A discreet godparent's letters to one prisoner, with a private note and a reply scan."""
    godparent = GodparentProfileFactory(
        full_name=GODPARENT_NAME,
        user__email=GODPARENT_EMAIL,
        is_discreet=True,
        public_listing_consent=False,
    )
    prisoner = PrisonerFactory(name_latin="Ales Insightus")
    today = timezone.localdate()
    reply = LetterFactory(
        godparent=godparent,
        prisoner=prisoner,
        sent_on=today - datetime.timedelta(days=40),
        outcome=REPLY,
        outcome_on=today - datetime.timedelta(days=10),
        note=LETTER_NOTE,
        logged_by=godparent.user,
    )
    reply.reply_scan.save(f"{SCAN_NAME}.pdf", ContentFile(b"%PDF-1.4 canary"))
    returned = LetterFactory(
        godparent=godparent,
        prisoner=prisoner,
        sent_on=today - datetime.timedelta(days=30),
        outcome=RETURNED,
        outcome_on=today - datetime.timedelta(days=5),
        note=LETTER_NOTE,
    )
    return prisoner, [reply, returned]


# --- Who may open the pages ------------------------------------------------------------------


@pytest.mark.parametrize("role", STAFF)
def test_defenders_organisers_and_admins_open_both_pages(
    client, role_users, discreet_letters, role
):
    prisoner, _letters = discreet_letters
    client.force_login(role_users[role])

    for url in (index_url(), prisoner_url(prisoner)):
        assert client.get(url).status_code == 200, url


def test_a_visitor_is_sent_to_sign_in(client, discreet_letters):
    prisoner, _letters = discreet_letters

    for url in (index_url(), prisoner_url(prisoner)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?")


@pytest.mark.parametrize("role", [Role.GODPARENT, None])
def test_godparents_and_users_without_a_role_are_refused(
    client, role_users, discreet_letters, role
):
    prisoner, _letters = discreet_letters
    client.force_login(role_users[role])

    for url in (index_url(), prisoner_url(prisoner)):
        response = client.get(url)
        assert response.status_code == 403, url  # "this area is for the programme's staff"
        assert "Insightus" not in response.content.decode()


def test_the_menu_shows_the_insight_to_staff_only(client, role_users):
    menus = {}
    for role in STAFF:
        client.force_login(role_users[role])
        menus[role] = client.get(reverse("wagtailadmin_home")).content.decode()

    assert all(index_url() in menu for menu in menus.values())


def test_the_prisoners_listing_links_to_each_prisoners_letter_history(defender_client):
    prisoner = PrisonerFactory()

    listing = defender_client.get(reverse(Prisoner.snippet_viewset.get_url_name("list")))

    assert prisoner_url(prisoner) in listing.content.decode()


# --- The facility page -----------------------------------------------------------------------


def _letters_to(facility, outcomes, *, sent_on):
    prisoner = PrisonerFactory(facility=facility)
    godparent = GodparentProfileFactory()
    known = sent_on + datetime.timedelta(days=20)
    for outcome in outcomes:
        LetterFactory(
            prisoner=prisoner,
            godparent=godparent,
            sent_on=sent_on,
            outcome=outcome,
            outcome_on=known if outcome in (REPLY, RETURNED) else None,
        )


@pytest.fixture
def two_colonies():
    """Ябатная withholds letters, Аўтарская lets them through: the first is last by name."""
    sent_on = timezone.localdate() - datetime.timedelta(days=60)
    open_ = FacilityFactory(name="Аўтарская калонія", name_latin="Autarskaja colony")
    withholding = FacilityFactory(name="Ябатная калонія", name_latin="Yabatnaja colony")
    _letters_to(open_, [REPLY] * 8 + [LetterOutcome.SENT] * 2, sent_on=sent_on)
    _letters_to(withholding, [RETURNED] * 9 + [LetterOutcome.UNKNOWN], sent_on=sent_on)
    return open_, withholding


def test_the_withholding_facility_is_first_in_the_table_and_the_chart(
    defender_client, two_colonies
):
    open_, withholding = two_colonies

    response = defender_client.get(index_url())

    body = response.content.decode()
    table = body[body.index('<table class="listing">') :]
    chart_start = body.index("<svg role")
    chart = body[chart_start : body.index("</svg>", chart_start)]
    for part in (table, chart):
        assert part.index("Yabatnaja colony") < part.index("Autarskaja colony")
    rows = response.context["rows"]
    assert [row.facility_id for row in rows] == [withholding.pk, open_.pk]
    assert [(row.sent, row.replies, row.returned, row.no_news) for row in rows] == [
        (10, 0, 9, 1),
        (10, 8, 0, 2),
    ]
    assert "<caption>" in table
    assert 'aria-labelledby="insight-chart-title insight-chart-desc"' in chart


def test_the_table_sorts_by_a_column_on_request(defender_client, two_colonies):
    response = defender_client.get(index_url(ordering="name"))

    body = response.content.decode()
    assert body.index("Autarskaja colony") < body.index("Yabatnaja colony")
    assert 'aria-sort="ascending"' in body


def test_the_period_leaves_out_older_letters(defender_client, two_colonies):
    later = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()

    default = defender_client.get(index_url())
    recent = defender_client.get(index_url(since=later))
    invalid = defender_client.get(index_url(since="not-a-date"))

    assert len(default.context["rows"]) == 2
    assert recent.context["rows"] == []
    assert "No letter was sent in this period." in recent.content.decode()
    assert invalid.context["rows"] == default.context["rows"]
    a_year_ago = (timezone.localdate() - datetime.timedelta(days=365)).isoformat()
    assert f'value="{a_year_ago}"' in default.content.decode()  # the period is always shown
    assert "Enter a valid date." in invalid.content.decode()


# --- The prisoner page -----------------------------------------------------------------------


def test_the_prisoner_page_shows_the_history_and_the_reply_rate(defender_client, discreet_letters):
    prisoner, letters = discreet_letters

    response = defender_client.get(prisoner_url(prisoner))

    summary = response.context["summary"]
    replies = sum(letter.outcome == REPLY for letter in letters)
    assert (summary.sent, summary.replies) == (len(letters), replies)
    assert summary.reply_rate == replies / len(letters)
    body = response.content.decode()
    assert "Ales Insightus" in body
    assert f"{round(100 * replies / len(letters))} %" in body
    assert [entry.pk for entry in response.context["letters"]] == [letters[1].pk, letters[0].pk]


@pytest.mark.parametrize("role", STAFF)
def test_the_prisoner_page_names_no_godparent_note_or_scan(
    client, role_users, discreet_letters, role
):
    prisoner, letters = discreet_letters
    client.force_login(role_users[role])

    body = client.get(prisoner_url(prisoner)).content.decode()

    godparent = letters[0].godparent
    for canary in (GODPARENT_NAME, GODPARENT_EMAIL, godparent.user.username, LETTER_NOTE):
        assert canary not in body
    assert SCAN_NAME not in body
    assert godparent.user.get_full_name() not in body


def test_an_unknown_prisoner_is_not_found(defender_client):
    # Django's LocaleMiddleware first tries the path under /en/, where it is not found either.
    url = reverse("letter_insight:prisoner", args=[999999])

    assert defender_client.get(url, follow=True).status_code == 404


# --- Queries ---------------------------------------------------------------------------------


def _seed(*, facilities: int, prisoners_each: int, letters: int, seed: int) -> None:
    """Facilities with prisoners and letters of every outcome over the last year, in bulk."""
    rng = random.Random(seed)
    godparent = GodparentProfileFactory()
    prisoners = [
        PrisonerFactory(facility=facility)
        for facility in FacilityFactory.create_batch(facilities)
        for _ in range(prisoners_each)
    ]
    today = timezone.localdate()
    outcomes = list(LetterOutcome)
    rows = []
    for _ in range(letters):
        prisoner = rng.choice(prisoners)
        sent_on = today - datetime.timedelta(days=rng.randint(20, 360))
        outcome = rng.choice(outcomes)
        known = outcome in (REPLY, RETURNED)
        rows.append(
            Letter(
                godparent=godparent,
                prisoner=prisoner,
                facility_id=prisoner.facility_id,
                sent_on=sent_on,
                outcome=outcome,
                outcome_on=sent_on + datetime.timedelta(days=15) if known else None,
            )
        )
    Letter.objects.bulk_create(rows)


def test_the_facility_page_runs_as_many_queries_at_three_times_the_data(
    defender_client, django_assert_max_num_queries
):
    _seed(facilities=30, prisoners_each=3, letters=300, seed=1)
    assert defender_client.get(index_url()).status_code == 200  # first-render work not counted
    with django_assert_max_num_queries(FACILITY_PAGE_MAX_QUERIES) as small:
        response = defender_client.get(index_url())
    assert len(response.context["rows"]) == 30

    _seed(facilities=60, prisoners_each=3, letters=600, seed=2)
    with django_assert_max_num_queries(FACILITY_PAGE_MAX_QUERIES) as large:
        response = defender_client.get(index_url())

    assert len(response.context["rows"]) == 90
    assert len(large) == len(small)


def test_the_prisoner_page_runs_as_many_queries_with_more_letters(
    defender_client, discreet_letters, django_assert_max_num_queries
):
    prisoner, letters = discreet_letters
    url = prisoner_url(prisoner)
    assert defender_client.get(url).status_code == 200
    with django_assert_max_num_queries(FACILITY_PAGE_MAX_QUERIES + 2) as few:
        defender_client.get(url)
    sent_on = timezone.localdate() - datetime.timedelta(days=100)
    Letter.objects.bulk_create(
        Letter(godparent=letters[0].godparent, prisoner=prisoner, sent_on=sent_on)
        for _ in range(150)
    )

    with django_assert_max_num_queries(FACILITY_PAGE_MAX_QUERIES + 2) as many:
        response = defender_client.get(url)

    assert len(response.context["letters"]) == 100  # one page
    assert len(many) == len(few)
