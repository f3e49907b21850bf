"""Anonymous public pages come from the page cache until something they show changes."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.models import PageViewRestriction

from cms.models import StandardPage
from solidarity.accounts.roles import Role
from solidarity.activity.models import ActionVerification, Letter
from solidarity.activity.services import action_verify
from solidarity.common.pagecache import (
    GENERATION_KEY,
    PAGE_CACHE_ALIAS,
    PageCacheMiddleware,
    page_cache_invalidate,
)
from solidarity.common.signals import records_written
from solidarity.matching.models import EndReason
from solidarity.matching.services import match_end
from solidarity.prisoners.choices import Publicity, Status
from solidarity.prisoners.models import Prisoner
from solidarity.prisoners.services import prisoner_status_change
from tests.factories import (
    AdvocacyActionFactory,
    GodparentProfileFactory,
    MatchFactory,
    PrisonerConfidentialFactory,
    PrisonerFactory,
    user_with_role,
)
from tests.test_settings import load_settings

pytestmark = pytest.mark.django_db

CANARIES = ("CANARY-HEALTH-7f3a", "CANARY-FAMILY-7f3a", "CANARY-NOTES-7f3a")


@pytest.fixture
def record(site):
    return PrisonerFactory(publicity=Publicity.BASIC, name_latin="Ihar Losik")


@pytest.fixture
def about(site, listings):
    home = listings["en"].get_parent()
    return home.add_child(instance=StandardPage(title="About the campaign", slug="campaign"))


def profile_url(listings, prisoner, code="en") -> str:
    return f"{listings[code].url}{prisoner.profile_slug}/"


def warm(client, url: str) -> str:
    """Request `url` twice and return the second answer, which must come from the cache."""
    first = client.get(url)
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    second = client.get(url)
    assert second["X-Cache"] == "hit"
    return second.content.decode()


def fresh(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Cache"] == "miss"
    return response.content.decode()


@pytest.fixture
def cached_urls(listings, record, make_profile, about):
    editorial = make_profile()
    return {
        "home": "/en/",
        "listing": listings["en"].url,
        "filtered listing": f"{listings['en'].url}?q=Losik&status=held&sort=name",
        "record profile": profile_url(listings, record),
        "editorial page": editorial.url,
        "standard page": about.url,
    }


@pytest.mark.parametrize(
    "name",
    ["home", "listing", "filtered listing", "record profile", "editorial page", "standard page"],
)
def test_a_second_anonymous_visit_runs_at_most_one_query(
    client, cached_urls, name, django_assert_max_num_queries
):
    url = cached_urls[name]
    first = client.get(url)
    assert first["X-Cache"] == "miss"

    with django_assert_max_num_queries(1):  # the database cache's one SELECT; none with Redis
        second = client.get(url)

    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert _headers(second) == _headers(first)
    assert second["Content-Language"] == "en"
    assert second["X-Frame-Options"] == "DENY"


def _headers(response) -> dict[str, str]:
    return {name: value for name, value in response.items() if name != "X-Cache"}


def test_a_head_request_is_answered_from_the_cache(client, listings, record):
    warm(client, listings["en"].url)
    response = client.head(listings["en"].url)
    assert response.status_code == 200
    assert response["X-Cache"] == "hit"


def test_parameter_order_shares_an_entry_and_other_queries_do_not(client, listings, record):
    base = listings["en"].url
    warm(client, f"{base}?status=held&q=Losik")
    assert client.get(f"{base}?q=Losik&status=held")["X-Cache"] == "hit"
    assert client.get(f"{base}?q=Losik")["X-Cache"] == "miss"
    assert client.get(f"{base}?q=Losik&status=held&page=2")["X-Cache"] == "miss"


def test_every_locale_has_its_own_entry(client, listings, record):
    english = warm(client, listings["en"].url)
    belarusian = client.get(listings["be"].url)

    assert belarusian["X-Cache"] == "miss"
    assert belarusian["Content-Language"] == "be"
    assert '<html lang="be">' in belarusian.content.decode()
    assert '<html lang="en">' in english


def test_a_signed_in_user_is_never_served_a_cached_page_nor_fills_the_cache(client, listings):
    url = listings["en"].url
    member = Client()
    member.force_login(user_with_role(None))

    signed_in = member.get(url)
    assert "X-Cache" not in signed_in
    assert "Sign out" in signed_in.content.decode()
    assert "Sign out" not in warm(client, url)  # the member's visit stored nothing

    again = member.get(url)
    assert "X-Cache" not in again
    assert "Sign out" in again.content.decode()


def test_publishing_a_page_makes_the_next_visit_fresh(client, about):
    warm(client, about.url)
    about.title = "Write to a prisoner"
    about.save_revision().publish()

    assert "Write to a prisoner" in fresh(client, about.url)


def test_saving_a_draft_keeps_the_cached_page(client, about):
    warm(client, about.url)
    about.title = "Draft title"
    about.save_revision()

    assert client.get(about.url)["X-Cache"] == "hit"


def test_unpublishing_a_page_makes_it_disappear_at_once(client, about, listings):
    warm(client, about.url)
    about.unpublish()

    assert client.get(about.url).status_code == 404


def test_a_status_change_shows_on_the_next_visit(client, listings, record):
    url = profile_url(listings, record)
    assert str(Status.CONVICTED.label) in warm(client, url)
    prisoner_status_change(
        prisoner=record,
        status=Status.RELEASED_PARDONED,
        effective_on=datetime.date(2025, 9, 11),
    )

    assert str(Status.RELEASED_PARDONED.label) in fresh(client, url)


def test_a_record_edit_shows_on_the_listing_and_the_profile(client, listings, record):
    warm(client, listings["en"].url)
    warm(client, profile_url(listings, record))
    record.name_latin = "Ihar Losik-Renamed"
    record.save()

    assert "Ihar Losik-Renamed" in fresh(client, listings["en"].url)
    assert "Ihar Losik-Renamed" in fresh(client, profile_url(listings, record))


def test_a_facility_edit_shows_on_the_profile(client, listings, record):
    url = profile_url(listings, record)
    warm(client, url)
    record.facility.name = "Исправительная колония № 99"
    record.facility.save()

    assert "Исправительная колония № 99" in fresh(client, url)


def test_a_match_change_shows_on_the_profile(client, listings, record):
    url = profile_url(listings, record)
    warm(client, url)
    match = MatchFactory(prisoner=record, godparent=GodparentProfileFactory(full_name="Ruth Rep"))
    assert "Ruth Rep" in fresh(client, url)

    assert client.get(url)["X-Cache"] == "hit"
    match_end(match=match, by=None, reason=EndReason.ORGANISER)
    assert "Ruth Rep" not in fresh(client, url)


def test_withdrawing_publicity_takes_the_profile_down_at_once(client, listings, record):
    url = profile_url(listings, record)
    warm(client, url)
    record.publicity = Publicity.NONE
    record.save()

    assert client.get(url).status_code == 404
    assert record.name_latin not in client.get(listings["en"].url).content.decode()


def test_the_commit_bumps_the_generation_again_once_per_transaction(
    db, django_capture_on_commit_callbacks
):
    """A visitor who read the rows before the commit may have stored them after the first bump."""
    cache = caches[PAGE_CACHE_ALIAS]
    with django_capture_on_commit_callbacks() as callbacks:
        page_cache_invalidate()
        page_cache_invalidate()
        PrisonerFactory()
        during = cache.get(GENERATION_KEY)

    assert len(callbacks) == 1
    callbacks[0]()
    assert cache.get(GENERATION_KEY) not in (None, during)


def test_an_entry_stored_under_an_old_generation_is_not_served(client, listings, record):
    url = listings["en"].url
    warm(client, url)
    caches[PAGE_CACHE_ALIAS].set(GENERATION_KEY, "another-generation", timeout=None)

    assert client.get(url)["X-Cache"] == "miss"


def test_a_zero_lifetime_turns_the_cache_off(client, page_cache_off, listings, record):
    client.get(listings["en"].url)
    assert "X-Cache" not in client.get(listings["en"].url)


def test_errors_and_redirects_are_not_cached(client, listings, record):
    for url in ("/en/no-such-page/", f"{listings['en'].url}{record.pk}-wrong-name/"):
        client.get(url)
        assert "X-Cache" not in client.get(url)


def test_a_page_with_a_view_restriction_is_never_cached(client, about):
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-word"
    )
    form = client.get(about.url)
    assert "X-Cache" not in form  # the password form carries a CSRF token

    restriction = about.get_view_restrictions().get()
    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, about.pk]),
        {"password": "s3cret-word", "return_url": about.url},
    )
    inside = client.get(about.url)
    assert "About the campaign" in inside.content.decode()
    assert "X-Cache" not in inside
    assert "About the campaign</h1>" not in Client().get(about.url).content.decode()


def test_a_preview_is_never_answered_from_the_cache(client, about):
    """Wagtail renders previews through the middleware, at the live page's own URL."""
    warm(client, about.url)
    about.title = "Unpublished draft title"
    about.save_revision()

    preview = about.get_latest_revision_as_object().make_preview_request()

    assert "Unpublished draft title" in preview.content.decode()


def test_restricted_canaries_never_appear_in_cached_pages(client, listings, make_profile):
    urls = []
    for publicity in (Publicity.FULL, Publicity.BASIC):
        page = make_profile(publicity=publicity)
        PrisonerConfidentialFactory(prisoner=page.prisoner)
        urls += [f"/{code}/prisoners/{page.slug}/" for code in ("en", "be", "ru")]
    record = PrisonerFactory(publicity=Publicity.BASIC)
    PrisonerConfidentialFactory(prisoner=record)
    urls += [profile_url(listings, record, code) for code in ("en", "be", "ru")]
    urls += [f"/{code}/{path}" for code in ("en", "be", "ru") for path in ("", "prisoners/")]
    defender = Client()
    defender.force_login(user_with_role("defender"))

    for url in urls:
        defender.get(url)
        html = warm(client, url)
        leaked = [canary for canary in CANARIES if canary in html]
        assert not leaked, f"{url} leaks {leaked}"


def test_the_lifetime_comes_from_the_environment_and_pages_have_a_cache_of_their_own(monkeypatch):
    """Many distinct page URLs must not evict the login rate limits kept in "default"."""
    monkeypatch.delenv("PAGE_CACHE_SECONDS", raising=False)
    plain = load_settings(monkeypatch, DEBUG="1")
    assert plain.PAGE_CACHE_SECONDS == 300
    assert plain.CACHES["pages"]["LOCATION"] != plain.CACHES["default"]["LOCATION"]
    assert load_settings(monkeypatch, DEBUG="1", PAGE_CACHE_SECONDS="0").PAGE_CACHE_SECONDS == 0
    redis = load_settings(monkeypatch, DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/0")
    assert redis.CACHES["pages"]["KEY_PREFIX"] != redis.CACHES["default"]["KEY_PREFIX"]


# The middleware's own rules, on responses a page could one day produce.


def _request(path="/en/prisoners/"):
    request = RequestFactory().get(path)
    request.session = SessionStore()
    request.user = AnonymousUser()
    request._messages = FallbackStorage(request)
    return request


class _OpenPage:
    """What the middleware asks of the page that served a response."""

    def get_view_restrictions(self):
        return PageViewRestriction.objects.none()


def _page_response(content=b"<p>page</p>"):
    response = HttpResponse(content)
    response.page_cache_page = _OpenPage()
    return response


def _visits(view, count=2) -> int:
    """How many of `count` identical visits reached the view."""
    calls = []

    def get_response(request):
        calls.append(request)
        return view(request)

    middleware = PageCacheMiddleware(get_response)
    for _ in range(count):
        middleware(_request())
    return len(calls)


def test_an_ordinary_marked_page_is_rendered_once(db):
    assert _visits(lambda request: _page_response()) == 1


def test_a_response_that_sets_a_cookie_is_not_cached(db):
    def view(request):
        response = _page_response()
        response.set_cookie("seen", "1")
        return response

    assert _visits(view) == 2


def test_a_response_that_uses_the_csrf_token_is_not_cached(db):
    def view(request):
        return _page_response(f"<input value='{get_token(request)}'>".encode())

    assert _visits(view) == 2


def test_a_response_that_touches_the_session_or_adds_a_message_is_not_cached(db):
    def writes_session(request):
        request.session["visited"] = True
        return _page_response()

    def adds_message(request):
        request._messages.add(20, "Saved")
        return _page_response()

    assert _visits(writes_session) == 2
    assert _visits(adds_message) == 2


def test_an_unmarked_or_private_response_is_not_cached(db):
    def private(request):
        response = _page_response()
        response["Cache-Control"] = "private"
        return response

    def varies(request):
        response = _page_response()
        response["Vary"] = "Cookie"
        return response

    assert _visits(lambda request: HttpResponse(b"not a page")) == 2
    assert _visits(private) == 2
    assert _visits(varies) == 2


def test_a_visitor_with_a_pending_message_gets_a_fresh_page(db):
    calls = []

    def view(request):
        calls.append(list(get_messages(request)))
        return _page_response()

    middleware = PageCacheMiddleware(view)
    middleware(_request())
    with_message = _request()
    with_message._messages.add(20, "Thank you for signing up")
    middleware(with_message)

    assert len(calls) == 2
    assert [str(m) for m in calls[1]] == ["Thank you for signing up"]


def test_in_production_a_transaction_bumps_only_on_commit(
    db, settings, django_capture_on_commit_callbacks
):
    """Bumping inside a long transaction (an import) would lock the generation until commit."""
    settings.PAGE_CACHE_BUMP_AT_ONCE = False
    cache = caches[PAGE_CACHE_ALIAS]
    cache.set(GENERATION_KEY, "before", timeout=None)
    with django_capture_on_commit_callbacks(execute=True):
        page_cache_invalidate()
        PrisonerFactory()
        assert cache.get(GENERATION_KEY) == "before"
    assert cache.get(GENERATION_KEY) != "before"


def test_parameters_no_page_reads_share_the_entry_and_filters_do_not(client, listings, record):
    """A random `?x=` must not render the page and evict real entries."""
    url = listings["en"].url
    warm(client, url)
    assert client.get(f"{url}?utm_source=news&x=12345")["X-Cache"] == "hit"
    assert client.get(f"{url}?status=held")["X-Cache"] == "miss"
    assert client.get(f"{url}?page=2")["X-Cache"] == "miss"


# --- One way to make pages stale: cms listens; bulk writes announce themselves --------------


def test_a_bulk_write_announced_for_a_shown_model_makes_pages_stale(client, listings, record):
    url = profile_url(listings, record)
    warm(client, url)
    Prisoner.objects.filter(pk=record.pk).update(name_latin="Ihar Losik-Bulk")  # no post_save
    assert client.get(url)["X-Cache"] == "hit"

    records_written.send(sender=Prisoner)

    assert "Ihar Losik-Bulk" in fresh(client, url)


def test_a_bulk_write_of_what_no_page_shows_keeps_the_cache(client, listings, record):
    url = profile_url(listings, record)
    warm(client, url)

    records_written.send(sender=Letter)

    assert client.get(url)["X-Cache"] == "hit"


def test_an_unverified_action_keeps_the_cache_and_a_verified_one_does_not(client, listings, record):
    url = profile_url(listings, record)
    warm(client, url)
    action = AdvocacyActionFactory(verification=ActionVerification.PENDING)
    action.prisoners.add(record)
    assert client.get(url)["X-Cache"] == "hit"

    action_verify(action=action, by=user_with_role(Role.ORGANISER))

    assert client.get(url)["X-Cache"] == "miss"
