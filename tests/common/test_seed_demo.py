"""`seed_demo`: counts, determinism, idempotence, the model's invariants and the demo accounts."""

import datetime
from collections import Counter

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Count, F, Q
from django.urls import reverse

from cms.models import PrisonerPage
from solidarity.accounts.models import User
from solidarity.accounts.roles import GROUP_NAMES, Role
from solidarity.activity.models import ActionVerification, AdvocacyAction, Letter
from solidarity.congress.models import Congress, Pledge
from solidarity.demo.accounts import DEMO_ACCOUNTS
from solidarity.demo.builder import DemoSize, demo_reset, demo_seed
from solidarity.demo.godparents import DEMO_EMAIL_DOMAIN
from solidarity.godparents.models import GodparentProfile, Parliament, VerificationState
from solidarity.matching.exile import CONTACT_CONSENTS
from solidarity.matching.models import (
    OPEN_MATCH_STATUSES,
    ExileNeed,
    Match,
    MatchStatus,
    ReleaseChoice,
    Support,
)
from solidarity.prisoners.choices import (
    DETAINED_STATUSES,
    RELEASED_STATUSES,
    Publicity,
    Situation,
    Status,
)
from solidarity.prisoners.models import (
    Charge,
    Facility,
    Prisoner,
    PrisonerConfidential,
    StatusChange,
    Whereabouts,
)
from solidarity.prisoners.services import prisoner_compute_names
from tests.factories import PrisonerFactory
from tests.factories.accounts import totp_code

ALLOW = "--allow-without-debug"  # tests run with DEBUG off, like production

ANCHOR = datetime.date(2026, 1, 15)
SIZE = DemoSize(prisoners=60, godparents=20, letters=150, actions=30)
PAGES = 1

pytestmark = pytest.mark.django_db


def build(seed: int = 7, size: DemoSize = SIZE):
    return demo_seed(size=size, seed=seed, anchor=ANCHOR, pages=PAGES)


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """The demo, built once for the module; each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)


def demo_prisoners():
    return Prisoner.objects.filter(external_id__startswith="demo-")


def demo_godparents():
    return GodparentProfile.objects.filter(user__email__endswith=f"@{DEMO_EMAIL_DOMAIN}")


def rows(queryset, *fields: str) -> list[str]:
    """Rows as sorted strings: comparable whatever the primary keys and the None values."""
    return sorted(map(str, queryset.values_list(*fields)))


def fingerprint() -> tuple:
    """What must not change between two builds with the same seed and anchor (not the pks)."""
    prisoner_fields = (
        "external_id", "name_be", "name_ru", "name_latin", "search_keys", "status", "publicity",
        "birth_date", "detained_on", "verdict_date", "released_on", "sentence_months",
        "penalty_type", "facility__name",
    )  # fmt: skip
    godparent_fields = (
        "user__email", "full_name", "parliament__name", "capacity", "verification_state",
        "verified_at", "is_discreet", "public_listing_consent",
    )  # fmt: skip
    pair = ("godparent__user__email", "prisoner__external_id")
    return (
        rows(demo_prisoners(), *prisoner_fields),
        rows(Charge.objects.all(), "prisoner__external_id", "article__number", "part"),
        rows(StatusChange.objects.all(), "prisoner__external_id", "to_status", "effective_on"),
        rows(demo_godparents(), *godparent_fields),
        rows(Match.objects.all(), *pair, "status", "offered_at", "ended_at"),
        rows(Letter.objects.values(*pair).annotate(n=Count("id")), *pair, "n"),
        rows(Letter.objects.all(), "sent_on", "outcome", "outcome_on", "facility__name"),
        rows(AdvocacyAction.objects.all(), "kind", "occurred_on", "title", "verification"),
    )


def row_counts() -> dict[str, int]:
    models = (Prisoner, Charge, StatusChange, PrisonerConfidential, Facility, User)
    models += (GodparentProfile, Parliament, Match, Letter, AdvocacyAction, PrisonerPage)
    return {model.__name__: model.objects.count() for model in models}


def test_counts_match_the_options(built):
    assert built.built
    assert demo_prisoners().count() == SIZE.prisoners
    assert demo_godparents().count() == SIZE.godparents
    assert Letter.objects.count() == SIZE.letters
    assert AdvocacyAction.objects.count() == SIZE.actions
    assert built.counts["letters"] == SIZE.letters


def test_same_seed_and_anchor_give_identical_rows_after_a_reset(built):
    first = fingerprint()
    demo_reset()
    assert not demo_prisoners().exists()
    build()
    assert fingerprint() == first


def test_a_different_seed_gives_different_rows(built):
    first = fingerprint()
    demo_reset()
    build(seed=8)
    assert fingerprint() != first


def test_a_second_run_adds_nothing(built):
    before = row_counts()
    again = build()
    assert not again.built
    assert again.pages_created == 0
    assert row_counts() == before


def test_every_generated_row_passes_model_validation(built):
    querysets = [
        demo_prisoners(), Charge.objects.all(), StatusChange.objects.all(),
        PrisonerConfidential.objects.all(), Facility.objects.all(), Parliament.objects.all(),
        demo_godparents(), Match.objects.all(), Letter.objects.all(),
        AdvocacyAction.objects.all(),
    ]  # fmt: skip
    for queryset in querysets:
        for row in queryset:
            row.full_clean()


def test_names_come_in_three_spellings_with_computed_search_keys(built):
    for prisoner in demo_prisoners():
        assert all((prisoner.name_be, prisoner.name_ru, prisoner.name_latin))
        assert not prisoner_compute_names(prisoner=prisoner)  # already up to date


def test_status_distribution_is_realistic(built):
    statuses = Counter(demo_prisoners().values_list("status", flat=True))
    assert statuses[Status.CONVICTED] > SIZE.prisoners / 2
    for status in (Status.PRE_TRIAL, Status.DEPORTED, Status.DIED_IN_CUSTODY):
        assert statuses[status] >= 1
    publicity = Counter(demo_prisoners().values_list("publicity", flat=True))
    assert publicity[Publicity.BASIC] > publicity[Publicity.FULL] > 0
    assert publicity[Publicity.NONE] > 0


def test_status_history_leads_to_the_current_status(built):
    for prisoner in demo_prisoners().prefetch_related("status_changes"):
        history = sorted(prisoner.status_changes.all(), key=lambda c: (c.effective_on, c.pk))
        assert history[0].to_status == Status.PRE_TRIAL
        assert history[0].effective_on == prisoner.detained_on
        assert history[-1].to_status == prisoner.status
        assert history[-1].effective_on == prisoner.status_changed_on <= ANCHOR
        if prisoner.status in RELEASED_STATUSES:
            assert prisoner.released_on == prisoner.status_changed_on
            assert prisoner.facility_id is None
        if prisoner.status == Status.CONVICTED:
            assert prisoner.expected_release_on > ANCHOR


def test_no_godparent_holds_more_active_matches_than_capacity(built):
    """Support in exile may go above it: the godparent chose to go on (matching/exile.py)."""
    custody = Q(matches__status=MatchStatus.ACTIVE, matches__support=Support.IN_CUSTODY)
    for godparent in GodparentProfile.objects.annotate(active=Count("matches", filter=custody)):
        assert godparent.active <= godparent.capacity


def test_open_matches_pair_verified_godparents_with_detained_prisoners(built):
    open_matches = Match.objects.filter(
        status__in=OPEN_MATCH_STATUSES, support=Support.IN_CUSTODY
    ).select_related("godparent", "prisoner")
    assert open_matches.filter(status=MatchStatus.ACTIVE).exists()
    pairs = Counter(open_matches.values_list("godparent_id", "prisoner_id"))
    assert max(pairs.values()) == 1
    for match in open_matches:
        assert match.godparent.verification_state == VerificationState.VERIFIED
        assert match.prisoner.status in DETAINED_STATUSES
        if match.prisoner.publicity == Publicity.NONE:
            assert match.godparent.is_discreet


def test_ended_matches_have_a_date_and_a_reason(built):
    ended = Match.objects.filter(status=MatchStatus.ENDED)
    assert ended.exists()
    for match in ended:
        assert match.ended_at >= match.responded_at >= match.offered_at
        assert match.end_reason


def test_released_people_have_whereabouts_and_some_are_supported_in_exile(built):
    """Every released person has whereabouts (deported people abroad, with a country); a
    godparenthood goes on in exile only where the godparent chose to continue and the person
    agreed, and only people in exile have needs."""
    released = demo_prisoners().filter(status__in=RELEASED_STATUSES)
    assert released.count() == Whereabouts.objects.filter(prisoner__in=released).count()
    deported = Whereabouts.objects.filter(prisoner__status=Status.DEPORTED)
    assert deported.exists()
    assert not deported.exclude(situation=Situation.DEPORTED).exists()
    assert not deported.filter(country="").exists()
    exile = Match.objects.filter(support=Support.IN_EXILE).select_related("prisoner")
    assert exile.exists()
    for match in exile:
        assert match.status == MatchStatus.ACTIVE
        assert match.prisoner.whereabouts.consent in CONTACT_CONSENTS
        assert Match.objects.filter(
            godparent=match.godparent_id,
            prisoner=match.prisoner_id,
            release_choice=ReleaseChoice.CONTINUE,
        ).exists()
    in_exile = set(exile.values_list("prisoner_id", flat=True))
    assert set(ExileNeed.objects.values_list("prisoner_id", flat=True)) <= in_exile
    assert ExileNeed.objects.exists()


def test_discreet_godparents_never_consent_to_a_public_listing(built):
    assert not demo_godparents().filter(is_discreet=True, public_listing_consent=True).exists()
    states = set(demo_godparents().values_list("verification_state", flat=True))
    assert VerificationState.VERIFIED in states
    assert len(states) >= 3


def test_letters_go_from_matched_godparents_to_the_prisoners_facility(built):
    for letter in Letter.objects.select_related("match"):
        assert letter.match.godparent_id == letter.godparent_id
        assert letter.match.prisoner_id == letter.prisoner_id
        assert letter.facility_id is not None
        assert ANCHOR - datetime.timedelta(days=731) <= letter.sent_on <= ANCHOR
        if letter.outcome_on:
            assert letter.outcome_on >= letter.sent_on


def test_actions_about_hidden_prisoners_stay_internal(built):
    for action in AdvocacyAction.objects.prefetch_related("prisoners", "godparents"):
        assert action.prisoners.exists()
        assert action.godparents.exists()
        if any(p.publicity == Publicity.NONE for p in action.prisoners.all()):
            assert not action.is_public
        if action.verification == ActionVerification.REJECTED:
            assert action.rejection_reason


def test_pages_exist_in_every_locale_and_never_for_hidden_prisoners(built):
    pages = PrisonerPage.objects.live()
    assert pages.count() == PAGES * 3
    assert not pages.filter(prisoner__publicity=Publicity.NONE).exists()
    assert set(pages.values_list("locale__language_code", flat=True)) == {"en", "be", "ru"}


def test_parliaments_cover_many_democracies_and_the_international_assemblies(built):
    national = Parliament.objects.filter(kind="national")
    assert national.values("country").distinct().count() >= 20
    international = Parliament.objects.filter(kind="international")
    assert set(international.values_list("short_name", flat=True)) >= {
        "EP",
        "PACE",
        "OSCE PA",
        "NATO PA",
    }
    assert not international.exclude(country="").exists()


def test_reset_removes_only_the_demo_data(built):
    real = PrisonerFactory(external_id="viasna-1")
    real_congress = Congress.objects.create(
        title="Congress 2027",
        starts_on=datetime.date(2027, 3, 25),
        ends_on=datetime.date(2027, 3, 25),
    )
    demo_reset()
    assert not demo_prisoners().exists()
    assert not demo_godparents().exists()
    assert not Letter.objects.exists()
    assert Prisoner.objects.filter(pk=real.pk).exists()
    assert list(Congress.objects.all()) == [real_congress]
    assert not Parliament.objects.exclude(group_name="").exists()


def test_the_demo_congress_has_groups_registrations_pledges_and_signatures(built):
    congress = Congress.objects.get(title__endswith="(demo)")
    registrations = congress.registrations.all()
    assert Parliament.objects.exclude(group_name="").exists()
    assert Parliament.objects.filter(memorandum_signed_on__isnull=False).exists()
    assert congress.invitations.count() > registrations.count() > 0
    assert Pledge.objects.filter(registration__congress=congress).exists()
    assert congress.declaration.signatures.exists()
    # A discreet godparent is never listed as a participant.
    assert not registrations.filter(listed=True, godparent__is_discreet=True).exists()
    for row in [*registrations, *congress.invitations.all()]:
        row.full_clean(exclude=["invitation"])


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda account: account.role)
def test_demo_accounts_have_their_role_and_can_sign_in(built, client, account):
    user = User.objects.get(email=account.email)
    assert list(user.groups.all()) == [Group.objects.get(name=GROUP_NAMES[account.role])]
    assert user.is_superuser == (account.role == Role.ADMIN)
    response = client.post(
        reverse("account_login"), {"login": account.email, "password": account.password}
    )
    assert response.status_code == 302
    if account.totp_secret:  # staff: the printed secret gives the authenticator's code
        assert response.url == reverse("mfa_authenticate")
        response = client.post(response.url, {"code": totp_code(account.totp_secret)})
        assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_demo_godparent_has_two_active_matches_with_public_prisoners(built):
    profile = GodparentProfile.objects.get(user__email="godparent@solidarity.test")
    assert profile.is_verified
    active = profile.matches.filter(status=MatchStatus.ACTIVE)
    assert active.count() == 2
    assert not active.filter(prisoner__publicity=Publicity.NONE).exists()


def test_godparents_signed_up_before_the_anchor_date_and_before_their_first_match(built):
    """Reports count sign-ups and the days to a first match from the profile's creation."""
    profiles = demo_godparents().select_related("user")
    assert all(p.created_at == p.user.date_joined for p in profiles)
    assert all(p.created_at.date() < ANCHOR for p in profiles)
    accepted = Match.objects.filter(godparent__in=profiles, responded_at__isnull=False)
    assert accepted.exists()
    assert not accepted.filter(responded_at__lt=F("godparent__created_at")).exists()
