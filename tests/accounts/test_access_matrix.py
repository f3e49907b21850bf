"""The access matrix: every role (and a visitor) against every non-public URL and restricted field.

Each case is one URL about one owner's data; ALLOWED says which actors get it. `pytest -v` lists
every (case, actor) pair, e.g. `me-dashboard-of-B::godparent_A`. Canary strings sit in every
restricted field (docs/architecture.md, "Security model"):

- a denied response is a 403, a 404, or a redirect to the sign-in page or the admin dashboard
  (what Wagtail answers a refusal with), and carries no canary at all;
- an allowed response carries only the canaries its reader may see: a godparent's pages show
  their own data and never another godparent's, a defender's admin pages show prisoner records
  (restricted information included) but nothing about godparents or matches, and letters only
  as dates and outcomes without their writers (the letter insight).

A godparent-side POST that is refused must also leave its object unchanged.
"""

import datetime
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from cms.models import PrisonerIndexPage, PrisonerPage
from solidarity.accounts.roles import Role
from solidarity.activity.models import ActionVerification, Letter
from solidarity.congress.models import Congress, Declaration, Signature
from solidarity.congress.services import (
    Guest,
    RegistrationData,
    badge_token,
    congress_invite,
    congress_register,
    declaration_sign,
    invitation_token,
)
from solidarity.godparents.models import GodparentStaff, VerificationState
from solidarity.matching.exile import release_choice_token
from solidarity.matching.models import (
    EndReason,
    ExileNeed,
    Match,
    MatchStatus,
    NeedKind,
    NeedStatus,
    Support,
)
from solidarity.matching.services import match_offer_token
from solidarity.notifications.models import EmailStatus, ReminderKind, SentEmail
from solidarity.notifications.services import unsubscribe_token
from solidarity.portal import urls as portal_urls
from solidarity.prisoners.choices import ContactConsent, Publicity
from solidarity.reports.models import ReportRun, ReportStatus
from solidarity.writing.models import (
    AdvocacyTemplate,
    CensorReason,
    CensorTerm,
    Phrase,
    PreparedLetter,
)
from tests.factories import (
    AdvocacyActionFactory,
    GodparentProfileFactory,
    LetterFactory,
    MatchFactory,
    MatchingRunFactory,
    PrisonerConfidentialFactory,
    PrisonerFactory,
    UserFactory,
    WhereaboutsFactory,
    user_with_role,
)
from tests.tokens import forged

pytestmark = pytest.mark.django_db

VISITOR, GODPARENT_A, GODPARENT_B, ASSISTANT_S = (
    "visitor",
    "godparent_A",
    "godparent_B",
    "assistant_S",
)
DEFENDER, ORGANISER, ADMIN = "defender", "organiser", "admin"
ROLES = (VISITOR, GODPARENT_A, GODPARENT_B, ASSISTANT_S, DEFENDER, ORGANISER, ADMIN)
STAFF = frozenset({DEFENDER, ORGANISER, ADMIN})
ORGANISERS = frozenset({ORGANISER, ADMIN})
SIGNED_IN = frozenset(ROLES) - {VISITOR}

# --- Canaries, grouped by whose data they are ----------------------------------------------------

CONFIDENTIAL = ("CANARY-MX-HEALTH", "CANARY-MX-FAMILY", "CANARY-MX-NOTES")
# A NONE-publicity prisoner, matched with B only: never on the public site, never shown to A.
HIDDEN_PRISONER = ("Canarynone", "Канарейкина", "Канарэйкіна")
A_LETTER_NOTE = "CANARY-MX-LETTER-A"
B_LETTER_NOTE = "CANARY-MX-LETTER-B"
B_PERSON = ("Canaryname", "canary-mail-b", "CANARY-MX-VNOTE-B", "canary-aide-b")
PENDING_NAME = "Canarypending"  # a godparent waiting in the verification queue

# The needs in exile of the released person B supports there (issue 18): B, staff; never A.
B_EXILE_NEED = "CANARY-MX-NEED-B"
# B's accessibility needs for the Congress (issue 19): B (from the invitation's link), organisers.
B_ACCESS_NEED = "CANARY-MX-ACCESS-B"
# What B wrote in a letter printed from the composer (issue 20): B and B's staff only.
B_PRINTED = "CANARY-MX-PRINTED-B"
OWN_CANARIES = {
    "A": (A_LETTER_NOTE,),
    "B": (*B_PERSON, B_LETTER_NOTE, *HIDDEN_PRISONER, B_EXILE_NEED, B_ACCESS_NEED, B_PRINTED),
}
# Where a released person lives now (issue 18): staff only, like restricted information.
WHEREABOUTS = ("CANARY-MX-WHERE",)
PRISONER_CANARIES = (*CONFIDENTIAL, *WHEREABOUTS, *HIDDEN_PRISONER, B_EXILE_NEED)
ALL_CANARIES = (
    *PRISONER_CANARIES,
    A_LETTER_NOTE,
    B_LETTER_NOTE,
    *B_PERSON,
    PENDING_NAME,
    B_ACCESS_NEED,
    B_PRINTED,
)


# --- The data ------------------------------------------------------------------------------------


@dataclass
class World:
    users: dict[str, object]
    objects: dict[str, object] = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError as error:
            raise AttributeError(name) from error


def _godparents(users) -> dict:
    a = GodparentProfileFactory(user=users[GODPARENT_A], full_name="Anna Abgeordnete")
    b = GodparentProfileFactory(
        user=users[GODPARENT_B],
        full_name="Bertha Canaryname",
        official_email="canary-mail-b@bundestag.example",
        verification_note="CANARY-MX-VNOTE-B",
        is_discreet=True,
        public_listing_consent=False,
    )
    pending = GodparentProfileFactory(
        full_name=f"Clara {PENDING_NAME}",
        verification_state=VerificationState.UNVERIFIED,
        verified_at=None,
    )
    return {"a": a, "b": b, "pending": pending, "parliament": a.parliament}


def _prisoners() -> dict:
    p1 = PrisonerFactory(publicity=Publicity.BASIC, name_latin="Ales Publicus")
    hidden = PrisonerFactory(
        publicity=Publicity.NONE,
        name_latin="Zoryana Canarynone",
        name_ru="Зоряна Канарейкина",
        name_be="Зарана Канарэйкіна",
    )
    confidential = PrisonerConfidentialFactory(
        prisoner=p1,
        health=CONFIDENTIAL[0],
        family_contacts=CONFIDENTIAL[1],
        internal_notes=CONFIDENTIAL[2],
    )
    whereabouts = WhereaboutsFactory(
        prisoner__publicity=Publicity.BASIC, notes=f"Lives near Vilnius {WHEREABOUTS[0]}"
    )
    # Two people deported to Lithuania who asked for support (issue 18).
    deported_a = WhereaboutsFactory(consent=ContactConsent.SUPPORT, notes="").prisoner
    deported_b = WhereaboutsFactory(consent=ContactConsent.SUPPORT, notes="").prisoner
    return {
        "p1": p1,
        "hidden": hidden,
        "confidential": confidential,
        "whereabouts": whereabouts,
        "other": PrisonerFactory(),
        "deported_a": deported_a,
        "deported_b": deported_b,
    }


def _activity(o: dict, users: dict) -> dict:
    a, b, p1, hidden = o["a"], o["b"], o["p1"], o["hidden"]
    match_a = MatchFactory(godparent=a, prisoner=p1)
    match_b = MatchFactory(godparent=b, prisoner=hidden)
    # B also supports P1, whose public profile must not name a discreet godparent.
    MatchFactory(godparent=b, prisoner=p1)
    offered = {"status": MatchStatus.OFFERED, "responded_at": None}
    action_b = AdvocacyActionFactory(title="Question about a hidden case")
    action_b.prisoners.add(hidden)
    action_b.godparents.add(b)
    action_b.evidence_file.save("evidence.png", ContentFile(b"\x89PNG\r\n\x1a\n" + b"\0" * 16))
    now = timezone.now()
    letter_a = LetterFactory(godparent=a, prisoner=p1, match=match_a, note=A_LETTER_NOTE)
    letter_b = LetterFactory(godparent=b, prisoner=hidden, match=match_b, note=B_LETTER_NOTE)
    for letter in (letter_a, letter_b):  # a prisoner's reply: restricted (issue 6)
        letter.reply_scan.save("reply.png", ContentFile(b"\x89PNG\r\n\x1a\n" + b"\0" * 16))
    ended = {
        "status": MatchStatus.ENDED,
        "offered_at": now - datetime.timedelta(days=90),
        "ended_at": now,
        "end_reason": EndReason.PRISONER_RELEASED,
    }
    in_exile = {"support": Support.IN_EXILE}
    exile_b = MatchFactory(godparent=b, prisoner=o["deported_b"], **in_exile)
    return {
        "match_a": match_a,
        "match_b": match_b,
        # Each godparent's godparenthood ended by a deportation, and one in exile since.
        "release_a": MatchFactory(godparent=a, prisoner=o["deported_a"], **ended),
        "release_b": MatchFactory(godparent=b, prisoner=o["deported_b"], **ended),
        "exile_a": MatchFactory(godparent=a, prisoner=o["deported_a"], **in_exile),
        "exile_b": exile_b,
        "need_b": ExileNeed.objects.create(
            prisoner=o["deported_b"], kind=NeedKind.DOCUMENTS, note=B_EXILE_NEED
        ),
        "offer_a": MatchFactory(godparent=a, prisoner=o["other"], **offered),
        "offer_b": MatchFactory(godparent=b, prisoner=o["other"], **offered),
        "letter_a": letter_a,
        "letter_b": letter_b,
        "staff_a": GodparentStaff.objects.create(
            godparent=a,
            user=users[ASSISTANT_S],
            invited_email="aide-a@example.org",
            accepted_at=now,
        ),
        "staff_b": GodparentStaff.objects.create(
            godparent=b,
            user=UserFactory(email="canary-aide-b@example.org"),
            invited_email="canary-aide-b@example.org",
            accepted_at=now,
        ),
        "action_b": action_b,
        "prepared_a": _printed(match_a, "Здравствуйте!"),
        "prepared_b": _printed(match_b, f"Здравствуйте! {B_PRINTED}"),
        "phrase": Phrase.objects.filter(locale__language_code="en").first(),
        "censor_term": CensorTerm.objects.first(),
        "censor_reason": CensorReason.objects.filter(locale__language_code="en").first(),
        "advocacy_template": AdvocacyTemplate.objects.filter(locale__language_code="en").first(),
        "run": MatchingRunFactory(),
        # An email that SMTP refused for good: its recipient is B's private address.
        "failed_email": SentEmail.objects.create(
            template="emails/offer",
            to=["canary-mail-b@bundestag.example"],
            status=EmailStatus.FAILED,
            attempts=10,
        ),
        "report": ReportRun.objects.create(
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 3, 31),
            created_by=users[ORGANISER],
        ),
    }


def _printed(match, body: str) -> PreparedLetter:
    return PreparedLetter.objects.create(
        godparent=match.godparent,
        prisoner=match.prisoner,
        match=match,
        facility=match.prisoner.facility,
        envelope="\n".join(match.prisoner.envelope_lines),
        language="ru",
        body=body,
        sender_name="Анна",
    )


def _congress(o: dict) -> dict:
    """B (discreet) invited and registered, with accessibility needs; a guest invited."""
    event = Congress.objects.create(
        title="Congress of Symbolic Godparents",
        starts_on=datetime.date(2027, 3, 25),
        ends_on=datetime.date(2027, 3, 26),
        place="Vilnius",
        languages=["en", "lt"],
    )
    congress_invite(
        congress=event, by=None, godparents=[o["b"]], guests=[Guest("guest@example.org")]
    )
    invitation_b = event.invitations.get(godparent=o["b"])
    registration_b, _ = congress_register(
        invitation=invitation_b,
        data=RegistrationData(
            full_name=o["b"].full_name,
            attendance="in_person",
            parliament=o["b"].parliament,
            accessibility_needs=B_ACCESS_NEED,
        ),
        user=None,
    )
    Declaration.objects.create(
        congress=event, title="Declaration", text="We stand by them.", signing_open=True
    )
    declaration_sign(registration=registration_b, user=None)
    return {
        "congress": event,
        "invitation_b": invitation_b,
        "registration_b": registration_b,
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """The world and the public site, built once for the module's ~1,000 cases.

    Built in a transaction that is rolled back when the module ends; each test runs in a
    savepoint inside it (pytest-django's `db`), so an allowed POST changes nothing for the next
    case. Tests only read the objects' keys: the rows are re-read from the database.
    """
    from cms.services import site_setup

    with django_db_blocker.unblock(), transaction.atomic():
        site_setup()
        yield _build_world()
        transaction.set_rollback(True)


def _build_world() -> World:
    users = {
        VISITOR: None,
        GODPARENT_A: user_with_role(Role.GODPARENT),
        GODPARENT_B: user_with_role(Role.GODPARENT),
        ASSISTANT_S: UserFactory(),
        DEFENDER: user_with_role(Role.DEFENDER),
        ORGANISER: user_with_role(Role.ORGANISER),
        ADMIN: user_with_role(Role.ADMIN),
    }
    objects = {**_godparents(users), **_prisoners()}
    objects.update(_activity(objects, users))
    objects.update(_congress(objects))
    # Audit entries carry the object's label (a discreet name) into the admin's site history.
    for name in ("b", "letter_b", "match_b", "hidden"):
        log(instance=objects[name], action="wagtail.edit", user=users[ORGANISER])
    return World(users=users, objects=objects)


# --- The cases -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One URL about one owner's data.

    owner: "A" or "B" (a godparent's pages), "self" (whoever asks: their own data), "admin",
    "insight" (admin pages about letters that name no godparent) or "public". `unchanged` tells
    whether a refused POST left its object alone.
    """

    url: Callable[[World], str]
    owner: str
    url_name: str | None = None
    post: dict | None = None
    unchanged: Callable[[World], bool] | None = None


def _me(name: str, *args: Callable[[World], int]) -> Callable[[World], str]:
    return lambda w: reverse(f"portal:{name}", args=[arg(w) for arg in args])


def _offer_open(attr: str) -> Callable[[World], bool]:
    return lambda w: Match.objects.get(pk=getattr(w, attr).pk).status == MatchStatus.OFFERED


def _staff_open(attr: str) -> Callable[[World], bool]:
    return lambda w: GodparentStaff.objects.get(pk=getattr(w, attr).pk).revoked_at is None


ME_CASES = {
    "me-dashboard-own": Case(_me("dashboard"), "self", "dashboard"),
    "me-profile-own": Case(_me("profile"), "self", "profile"),
    "me-staff-own": Case(_me("staff"), "self", "staff"),
    "me-export-own": Case(_me("export"), "self", "export"),
    "me-delete-own": Case(_me("delete"), "self", "delete"),
    "me-reminders-own": Case(_me("reminders"), "self", "reminders"),
    "me-staff-join-bad-token": Case(
        lambda w: reverse("portal:staff_accept", args=["not-a-token"]), "public", "staff_accept"
    ),
}
for owner in ("A", "B"):
    gp = owner.lower()
    ME_CASES |= {
        f"me-offer-of-{owner}": Case(
            _me("offer_answer", lambda w, g=gp: getattr(w, f"offer_{g}").pk),
            owner,
            "offer_answer",
            post={"answer": "decline", "reason": "No capacity"},
            unchanged=_offer_open(f"offer_{gp}"),
        ),
        f"me-offer-link-of-{owner}": Case(
            lambda w, g=gp: reverse(
                "portal:offer_link", args=[match_offer_token(getattr(w, f"offer_{g}"))]
            ),
            owner,
            "offer_link",
        ),
        f"me-letter-of-{owner}": Case(
            _me("letter_new", lambda w, g=gp: getattr(w, f"match_{g}").pk), owner, "letter_new"
        ),
        f"me-assisted-of-{owner}": Case(
            _me("assisted", lambda w, g=gp: getattr(w, g).pk), owner, "assisted"
        ),
        f"me-action-of-{owner}": Case(
            _me("action_new", lambda w, g=gp: getattr(w, g).pk), owner, "action_new"
        ),
        f"me-letters-of-{owner}": Case(
            _me("letters", lambda w, g=gp: getattr(w, g).pk), owner, "letters"
        ),
        f"me-letter-edit-of-{owner}": Case(
            _me("letter_edit", lambda w, g=gp: getattr(w, f"letter_{g}").pk), owner, "letter_edit"
        ),
        f"me-letter-delete-of-{owner}": Case(
            _me("letter_delete", lambda w, g=gp: getattr(w, f"letter_{g}").pk),
            owner,
            "letter_delete",
            post={},
            unchanged=lambda w, g=gp: Letter.objects.filter(
                pk=getattr(w, f"letter_{g}").pk
            ).exists(),
        ),
        f"me-letter-outcome-of-{owner}": Case(
            _me("letter_outcome", lambda w, g=gp: getattr(w, f"letter_{g}").pk),
            owner,
            "letter_outcome",
        ),
        f"me-letter-scan-of-{owner}": Case(
            _me("letter_scan", lambda w, g=gp: getattr(w, f"letter_{g}").pk), owner, "letter_scan"
        ),
        f"me-release-of-{owner}": Case(
            lambda w, g=gp: reverse(
                "portal:release_choice", args=[release_choice_token(getattr(w, f"release_{g}"))]
            ),
            owner,
            "release_choice",
        ),
        f"me-exile-of-{owner}": Case(
            _me("exile_needs", lambda w, g=gp: getattr(w, f"exile_{g}").pk),
            owner,
            "exile_needs",
        ),
        f"me-exile-record-of-{owner}": Case(
            _me("exile_needs", lambda w, g=gp: getattr(w, f"exile_{g}").pk),
            owner,
            "exile_needs",
            post={"kind": NeedKind.HOUSING, "status": NeedStatus.OPEN, "note": "A room"},
            unchanged=lambda w, g=gp: (
                not ExileNeed.objects.filter(
                    prisoner_id=getattr(w, f"exile_{g}").prisoner_id, kind=NeedKind.HOUSING
                ).exists()
            ),
        ),
        f"me-compose-of-{owner}": Case(
            _me("letter_compose", lambda w, g=gp: getattr(w, f"match_{g}").pk),
            owner,
            "letter_compose",
        ),
        f"me-toolkit-of-{owner}": Case(
            _me("toolkit", lambda w, g=gp: getattr(w, f"match_{g}").pk), owner, "toolkit"
        ),
        f"me-printed-of-{owner}": Case(
            _me("prepared_letter", lambda w, g=gp: getattr(w, f"prepared_{g}").pk),
            owner,
            "prepared_letter",
        ),
        f"me-printed-pdf-of-{owner}": Case(
            _me("prepared_pdf", lambda w, g=gp: getattr(w, f"prepared_{g}").pk),
            owner,
            "prepared_pdf",
        ),
        f"me-printed-discard-of-{owner}": Case(
            _me("prepared_discard", lambda w, g=gp: getattr(w, f"prepared_{g}").pk),
            owner,
            "prepared_discard",
            post={},
            unchanged=lambda w, g=gp: PreparedLetter.objects.filter(
                pk=getattr(w, f"prepared_{g}").pk
            ).exists(),
        ),
        f"me-staff-revoke-of-{owner}": Case(
            _me("staff_revoke", lambda w, g=gp: getattr(w, f"staff_{g}").pk),
            owner,
            "staff_revoke",
            post={},
            unchanged=_staff_open(f"staff_{gp}"),
        ),
    }


_CHOOSER_VIEWS = ("choose", "choose_results", "chosen")


def _snippet(obj_attr: str, view: str, with_pk: bool) -> Callable[[World], str]:
    """A snippet admin view, or its chooser's (which every form with a link to the model uses)."""

    def url(w: World) -> str:
        obj = getattr(w, obj_attr)
        viewset = obj.snippet_viewset
        if view in _CHOOSER_VIEWS:
            viewset = viewset.chooser_viewset
        return reverse(viewset.get_url_name(view), args=[obj.pk] if with_pk else [])

    return url


_BY_OBJECT = ("edit", "inspect", "history", "delete", "status_change", "chosen")
_EVERY_SNIPPET_VIEW = ["list", "edit", "inspect", "history", "delete", *_CHOOSER_VIEWS]
# (case prefix, an object of the model, its views in the matrix, roles allowed)
_ADMIN_SNIPPETS = [
    ("prisoner", "hidden", [*_EVERY_SNIPPET_VIEW, "status_change"], STAFF),
    # No inspect view: the audited edit view is the only way to read restricted information.
    ("restricted-info", "confidential", ["list", "edit", "history", *_CHOOSER_VIEWS], STAFF),
    ("whereabouts", "whereabouts", ["list", "edit", "history", *_CHOOSER_VIEWS], STAFF),
    # Needs in exile: restricted like whereabouts, for every staff role (issue 18).
    ("exile-need", "need_b", ["list", "edit", "history", *_CHOOSER_VIEWS], STAFF),
    ("parliament", "parliament", ["list", "inspect", *_CHOOSER_VIEWS], STAFF),
    ("godparent", "b", _EVERY_SNIPPET_VIEW, ORGANISERS),
    ("godparent-pending", "pending", ["edit", "inspect", "chosen"], ORGANISERS),
    ("godparent-staff", "staff_b", _EVERY_SNIPPET_VIEW, ORGANISERS),
    ("match", "match_b", _EVERY_SNIPPET_VIEW, ORGANISERS),
    ("matching-run", "run", _EVERY_SNIPPET_VIEW, ORGANISERS),
    ("letter", "letter_b", _EVERY_SNIPPET_VIEW, ORGANISERS),
    ("action", "action_b", _EVERY_SNIPPET_VIEW, ORGANISERS),
    ("report-run", "report", _EVERY_SNIPPET_VIEW, ORGANISERS),
    # The Congress (issue 19): registrations hold accessibility needs; organisers only.
    ("congress", "congress", _EVERY_SNIPPET_VIEW, ORGANISERS),
    ("congress-invitation", "invitation_b", _EVERY_SNIPPET_VIEW, ORGANISERS),
    ("congress-registration", "registration_b", _EVERY_SNIPPET_VIEW, ORGANISERS),
    # What the letter composer offers and flags (issue 20): kept by defenders.
    *(
        (prefix, obj, ["list", "edit", "history", "delete", *_CHOOSER_VIEWS], STAFF)
        for prefix, obj in (
            ("letter-phrase", "phrase"),
            ("censor-term", "censor_term"),
            ("censor-reason", "censor_reason"),
            ("advocacy-template", "advocacy_template"),
        )
    ),
]
ADMIN_CASES: dict[str, Case] = {}
ADMIN_ALLOWED: dict[str, frozenset[str]] = {}


def _report_download(file_format: str) -> Callable[[World], str]:
    """A finished report whose files name a discreet godparent and an unpublished prisoner."""

    def url(w: World) -> str:
        report = w.report
        text = f"{B_PERSON[0]} {HIDDEN_PRISONER[0]}".encode()
        for field_name in ("html_file", "pdf_file", "xlsx_file", "csv_zip_file"):
            getattr(report, field_name).save(f"report.{field_name}", ContentFile(text), save=False)
        report.status = ReportStatus.DONE
        report.save()
        return reverse(
            report.snippet_viewset.get_url_name("download"), args=[report.pk, file_format]
        )

    return url


for file_format in ("html", "pdf", "xlsx", "csv"):
    ADMIN_CASES[f"admin-report-download-{file_format}-of-report"] = Case(
        _report_download(file_format), "admin"
    )
    ADMIN_ALLOWED[f"admin-report-download-{file_format}-of-report"] = ORGANISERS
ADMIN_CASES["admin-report-retry-of-report"] = Case(
    lambda w: reverse(w.report.snippet_viewset.get_url_name("retry"), args=[w.report.pk]),
    "admin",
    post={},
)
ADMIN_ALLOWED["admin-report-retry-of-report"] = ORGANISERS
for prefix, obj, views, allowed in _ADMIN_SNIPPETS:
    for view in views:
        with_pk = view in _BY_OBJECT
        name = f"admin-{prefix}-{view}" + (f"-of-{obj}" if with_pk else "")
        ADMIN_CASES[name] = Case(_snippet(obj, view, with_pk), "admin")
        ADMIN_ALLOWED[name] = allowed
# Organisers correct and verify letters but never delete one (roles.py): the count is history.
ADMIN_ALLOWED["admin-letter-delete-of-letter_b"] = frozenset({ADMIN})
ADMIN_CASES |= {
    "admin-dashboard": Case(lambda w: reverse("wagtailadmin_home"), "admin"),
    "admin-site-history": Case(lambda w: reverse("wagtailadmin_reports:site_history"), "admin"),
    "admin-verification-queue": Case(lambda w: reverse("godparent_verification:index"), "admin"),
    "admin-verification-decide-of-b": Case(
        lambda w: reverse("godparent_verification:decide", args=[w.b.pk]), "admin"
    ),
    "admin-verification-decide-of-pending": Case(
        lambda w: reverse("godparent_verification:decide", args=[w.pending.pk]), "admin"
    ),
    "admin-prisoner-import": Case(lambda w: reverse("prisoner_import:index"), "admin"),
    "admin-run-matching": Case(lambda w: reverse("matching_runs:index"), "admin"),
    "admin-release-wave": Case(lambda w: reverse("release_wave:index"), "admin"),
    "admin-run-matching-new": Case(lambda w: reverse("matching_runs:add"), "admin"),
    "admin-run-matching-of-run": Case(
        lambda w: reverse("matching_runs:detail", args=[w.run.pk]), "admin"
    ),
    "admin-match-end-of-match_b": Case(
        lambda w: reverse("wagtailsnippets_matching_match:action", args=[w.match_b.pk, "end"]),
        "admin",
        post={},
        unchanged=lambda w: Match.objects.get(pk=w.match_b.pk).status == MatchStatus.ACTIVE,
    ),
    "admin-run-matching-swap-of-run": Case(
        lambda w: reverse("matching_runs:swap", args=[w.run.pk]), "admin", post={"pair": []}
    ),
    "admin-action-import": Case(lambda w: reverse("action_import:index"), "admin"),
    "admin-run-matching-retry-of-run": Case(
        lambda w: reverse("matching_runs:retry", args=[w.run.pk]), "admin", post={}
    ),
    "admin-outbox": Case(lambda w: reverse("outbox:index"), "admin"),
    "admin-outbox-resend-of-failed_email": Case(
        lambda w: reverse("outbox:resend", args=[w.failed_email.pk]),
        "admin",
        post={},
        unchanged=lambda w: (
            SentEmail.objects.get(pk=w.failed_email.pk).status == EmailStatus.FAILED
        ),
    ),
    "admin-letter-scan-of-letter_a": Case(
        lambda w: reverse("wagtailsnippets_activity_letter:scan", args=[w.letter_a.pk]), "admin"
    ),
    "admin-letter-scan-of-letter_b": Case(
        lambda w: reverse("wagtailsnippets_activity_letter:scan", args=[w.letter_b.pk]), "admin"
    ),
    "admin-action-evidence-of-action_b": Case(
        lambda w: reverse("wagtailsnippets_activity_advocacyaction:evidence", args=[w.action_b.pk]),
        "admin",
    ),
    "admin-letter-insight": Case(lambda w: reverse("letter_insight:index"), "insight"),
    # A prisoner's letter history: dates and outcomes, never who wrote or their notes.
    "admin-letter-insight-of-hidden": Case(
        lambda w: reverse("letter_insight:prisoner", args=[w.hidden.pk]), "insight"
    ),
    "admin-action-import-new": Case(lambda w: reverse("action_import:add"), "admin"),
    "admin-congress-desk": Case(lambda w: reverse("congress_desk:index"), "admin"),
    "admin-congress-invite": Case(lambda w: reverse("congress_desk:invite"), "admin"),
    "admin-congress-check-in": Case(
        lambda w: reverse("congress_desk:check_in") + "?q=Bertha", "admin"
    ),
    "admin-congress-participants-pdf": Case(
        lambda w: reverse("congress_desk:participants_pdf") + f"?congress={w.congress.pk}", "admin"
    ),
    "admin-congress-badges-pdf": Case(
        lambda w: reverse("congress_desk:badges_pdf") + f"?congress={w.congress.pk}", "admin"
    ),
    "admin-congress-check-in-of-registration_b": Case(
        lambda w: reverse("congress_desk:check_in_badge", args=[badge_token(w.registration_b)]),
        "admin",
    ),
    "admin-action-reject-of-action_b": Case(
        lambda w: reverse(
            "wagtailsnippets_activity_advocacyaction:decide", args=[w.action_b.pk, "reject"]
        ),
        "admin",
    ),
    "admin-action-verify-of-action_b": Case(
        lambda w: reverse(
            "wagtailsnippets_activity_advocacyaction:decide", args=[w.action_b.pk, "verify"]
        ),
        "admin",
        post={},
        unchanged=lambda w: (
            w.action_b.__class__.objects.get(pk=w.action_b.pk).verification
            == ActionVerification.PENDING
        ),
    ),
}
ADMIN_ALLOWED |= {
    "admin-dashboard": STAFF,
    "admin-site-history": STAFF,
    "admin-verification-queue": ORGANISERS,
    "admin-verification-decide-of-b": ORGANISERS,
    "admin-verification-decide-of-pending": ORGANISERS,
    "admin-prisoner-import": STAFF,
    "admin-run-matching": ORGANISERS,
    # Who supports whom after a release: organisers' business (README, "Roles").
    "admin-release-wave": ORGANISERS,
    "admin-run-matching-new": ORGANISERS,
    "admin-run-matching-of-run": ORGANISERS,
    "admin-run-matching-swap-of-run": ORGANISERS,
    "admin-match-end-of-match_b": ORGANISERS,
    "admin-action-reject-of-action_b": ORGANISERS,
    "admin-action-import": ORGANISERS,
    "admin-run-matching-retry-of-run": ORGANISERS,
    # The outbox names recipients: organisers send failed emails again (README, "Roles").
    "admin-outbox": ORGANISERS,
    "admin-outbox-resend-of-failed_email": ORGANISERS,
    # A reply scan is a letter: organisers and admins (README, "Roles"), never defenders.
    "admin-letter-scan-of-letter_a": ORGANISERS,
    "admin-letter-scan-of-letter_b": ORGANISERS,
    "admin-action-evidence-of-action_b": ORGANISERS,
    "admin-letter-insight": STAFF,
    "admin-letter-insight-of-hidden": STAFF,
    "admin-action-import-new": ORGANISERS,
    "admin-action-verify-of-action_b": ORGANISERS,
    # The Congress's desk names participants, discreet godparents included: organisers.
    "admin-congress-desk": ORGANISERS,
    "admin-congress-invite": ORGANISERS,
    "admin-congress-check-in": ORGANISERS,
    "admin-congress-participants-pdf": ORGANISERS,
    "admin-congress-badges-pdf": ORGANISERS,
    "admin-congress-check-in-of-registration_b": ORGANISERS,
}

CASES: dict[str, Case] = {
    **ME_CASES,
    **ADMIN_CASES,
    # The link in a reminder works without signing in; its token is the credential.
    "email-unsubscribe-forged": Case(
        lambda w: reverse(
            "unsubscribe",
            args=[forged(unsubscribe_token(user_id=w.a.user_id, kind=ReminderKind.QUIET))],
        ),
        "public",
        post={},
    ),
    "public-home": Case(lambda w: "/en/", "public"),
    # The Congress's links: the signed token is the credential (an invited guest has no
    # account); a forged one opens nothing. The hall screen shows totals only.
    "congress-register-of-B": Case(
        lambda w: reverse("congress:register", args=[invitation_token(w.invitation_b)]),
        "B",
        "register",
    ),
    "congress-register-forged": Case(
        lambda w: reverse("congress:register", args=[forged(invitation_token(w.invitation_b))]),
        "public",
        "register",
        post={"full_name": "Intruder", "attendance": "online", "organisation": "X"},
        unchanged=lambda w: Congress.objects.get(pk=w.congress.pk).registrations.count() == 1,
    ),
    "congress-pledge-of-B": Case(
        lambda w: reverse("congress:pledge", args=[invitation_token(w.invitation_b)]),
        "B",
        "pledge",
    ),
    "congress-pledge-forged": Case(
        lambda w: reverse("congress:pledge", args=[forged(invitation_token(w.invitation_b))]),
        "public",
        "pledge",
    ),
    "congress-badge-of-B": Case(
        lambda w: reverse("congress:badge", args=[badge_token(w.registration_b)]), "B", "badge"
    ),
    "congress-badge-forged": Case(
        lambda w: reverse("congress:badge", args=[forged(badge_token(w.registration_b))]),
        "public",
        "badge",
    ),
    "congress-hall": Case(
        lambda w: reverse("congress:hall", args=[w.congress.pk]), "public", "hall"
    ),
    "congress-declaration-of-B": Case(
        lambda w: reverse("congress:declaration", args=[invitation_token(w.invitation_b)]),
        "B",
        "declaration",
    ),
    "congress-declaration-forged": Case(
        lambda w: reverse("congress:declaration", args=[forged(invitation_token(w.invitation_b))]),
        "public",
        "declaration",
        post={},
        unchanged=lambda w: Signature.objects.count() == 1,
    ),
    # Names only those who agreed to be listed: B is discreet and has signed.
    "congress-declaration-pdf": Case(
        lambda w: reverse("congress:declaration_pdf", args=[w.congress.pk]),
        "public",
        "declaration_pdf",
    ),
}

GODPARENTS = frozenset({GODPARENT_A, GODPARENT_B})
# case -> the actors who get it; everyone else is refused.
ALLOWED: dict[str, frozenset[str]] = {
    # Own pages: godparents; an assistant's dashboard sends them to the godparent they assist.
    "me-dashboard-own": GODPARENTS | {ASSISTANT_S},
    "me-profile-own": GODPARENTS,
    "me-staff-own": GODPARENTS,
    # Export and deletion always concern the requesting account; staff accounts are kept.
    "me-export-own": SIGNED_IN,
    "me-delete-own": GODPARENTS | {ASSISTANT_S},
    # The invitation token is the credential: a forged one opens nothing for anybody.
    "me-staff-join-bad-token": frozenset(),
    "me-offer-of-A": frozenset({GODPARENT_A}),
    "me-offer-link-of-A": frozenset({GODPARENT_A}),
    "me-offer-link-of-B": frozenset({GODPARENT_B}),
    "me-offer-of-B": frozenset({GODPARENT_B}),
    "me-letter-of-A": frozenset({GODPARENT_A, ASSISTANT_S}),
    "me-letter-of-B": frozenset({GODPARENT_B}),
    "me-assisted-of-A": frozenset({GODPARENT_A, ASSISTANT_S}),
    "me-assisted-of-B": frozenset({GODPARENT_B}),
    "me-action-of-A": frozenset({GODPARENT_A, ASSISTANT_S}),
    "me-action-of-B": frozenset({GODPARENT_B}),
    "me-staff-revoke-of-A": frozenset({GODPARENT_A}),
    # The choice after a release is the godparent's own; the needs page is also their staff's.
    "me-release-of-A": frozenset({GODPARENT_A}),
    "me-release-of-B": frozenset({GODPARENT_B}),
    "me-exile-of-A": frozenset({GODPARENT_A, ASSISTANT_S}),
    "me-exile-of-B": frozenset({GODPARENT_B}),
    "me-exile-record-of-A": frozenset({GODPARENT_A, ASSISTANT_S}),
    "me-exile-record-of-B": frozenset({GODPARENT_B}),
    "me-staff-revoke-of-B": frozenset({GODPARENT_B}),
    "me-letters-of-A": frozenset({GODPARENT_A, ASSISTANT_S}),
    "me-letters-of-B": frozenset({GODPARENT_B}),
    "me-letter-edit-of-A": frozenset({GODPARENT_A, ASSISTANT_S}),
    "me-letter-edit-of-B": frozenset({GODPARENT_B}),
    "me-letter-delete-of-A": frozenset({GODPARENT_A, ASSISTANT_S}),
    "me-letter-delete-of-B": frozenset({GODPARENT_B}),
    "me-letter-outcome-of-A": frozenset({GODPARENT_A, ASSISTANT_S}),
    "me-letter-outcome-of-B": frozenset({GODPARENT_B}),
    # A prisoner's reply: its godparent here; organisers and admins in the admin (MFA,
    # audited); never the godparent's staff, never a defender.
    "me-letter-scan-of-A": frozenset({GODPARENT_A}),
    "me-letter-scan-of-B": frozenset({GODPARENT_B}),
    # The composer, printed letters and the toolkit (issue 20): the godparent and their staff.
    **{
        f"me-{page}-of-{owner}": frozenset({GODPARENT_A, ASSISTANT_S})
        if owner == "A"
        else frozenset({GODPARENT_B})
        for page in ("compose", "toolkit", "printed", "printed-pdf", "printed-discard")
        for owner in ("A", "B")
    },
    "me-reminders-own": SIGNED_IN,
    "email-unsubscribe-forged": frozenset(),
    **ADMIN_ALLOWED,
    "public-home": frozenset(ROLES),
    "congress-register-of-B": frozenset(ROLES),
    "congress-register-forged": frozenset(),
    "congress-pledge-of-B": frozenset(ROLES),
    "congress-pledge-forged": frozenset(),
    "congress-badge-of-B": frozenset(ROLES),
    "congress-badge-forged": frozenset(),
    "congress-hall": frozenset(ROLES),
    "congress-declaration-of-B": frozenset(ROLES),
    "congress-declaration-forged": frozenset(),
    "congress-declaration-pdf": frozenset(ROLES),
}

_ME = "/en/me/"
# Allowed answers that are redirects: (case, actor) -> where to.
REDIRECTS: dict[tuple[str, str], Callable[[World], str]] = {
    ("me-dashboard-own", ASSISTANT_S): lambda w: f"{_ME}for/{w.a.pk}/",
    ("me-assisted-of-A", GODPARENT_A): lambda w: _ME,
    ("me-assisted-of-B", GODPARENT_B): lambda w: _ME,
    ("me-offer-of-A", GODPARENT_A): lambda w: _ME,
    ("me-offer-of-B", GODPARENT_B): lambda w: _ME,
    ("me-staff-revoke-of-A", GODPARENT_A): lambda w: f"{_ME}staff/",
    ("me-staff-revoke-of-B", GODPARENT_B): lambda w: f"{_ME}staff/",
    ("me-letter-delete-of-A", GODPARENT_A): lambda w: f"{_ME}for/{w.a.pk}/letters/",
    ("me-letter-delete-of-A", ASSISTANT_S): lambda w: f"{_ME}for/{w.a.pk}/letters/",
    ("me-letter-delete-of-B", GODPARENT_B): lambda w: f"{_ME}for/{w.b.pk}/letters/",
    ("me-exile-record-of-A", GODPARENT_A): lambda w: f"{_ME}exile/{w.exile_a.pk}/",
    ("me-exile-record-of-A", ASSISTANT_S): lambda w: f"{_ME}exile/{w.exile_a.pk}/",
    ("me-exile-record-of-B", GODPARENT_B): lambda w: f"{_ME}exile/{w.exile_b.pk}/",
    ("me-printed-discard-of-A", GODPARENT_A): lambda w: _ME,
    ("me-printed-discard-of-A", ASSISTANT_S): lambda w: f"{_ME}for/{w.a.pk}/",
    ("me-printed-discard-of-B", GODPARENT_B): lambda w: _ME,
    **{
        ("admin-action-verify-of-action_b", role): lambda w: reverse(
            "wagtailsnippets_activity_advocacyaction:list"
        )
        for role in ORGANISERS
    },
    **{
        (case, role): lambda w: reverse("matching_runs:detail", args=[w.run.pk])
        for role in ORGANISERS
        for case in ("admin-run-matching-swap-of-run", "admin-run-matching-retry-of-run")
    },
    **{
        ("admin-outbox-resend-of-failed_email", role): lambda w: reverse("outbox:index")
        for role in ORGANISERS
    },
    # A report's parameters are fixed: its edit URL shows the run. A run being generated is
    # neither deleted nor generated again: the run's page says so.
    **{
        (case, role): lambda w: reverse(
            "wagtailsnippets_reports_reportrun:inspect", args=[w.report.pk]
        )
        for role in ORGANISERS
        for case in (
            "admin-report-run-edit-of-report",
            "admin-report-run-delete-of-report",
            "admin-report-retry-of-report",
        )
    },
    **{
        ("admin-match-end-of-match_b", role): lambda w: reverse(
            "wagtailsnippets_matching_match:edit", args=[w.match_b.pk]
        )
        for role in ORGANISERS
    },
}
# The profile step is refused to assistants and staff by sending them to their own dashboard.
REFUSED_TO_OWN_DASHBOARD = {"me-profile-own"}


def _visible_canaries(case: Case, role: str) -> tuple[str, ...]:
    """The canaries an allowed response may show this actor."""
    owner = case.owner
    if owner == "self":  # the requesting account's own data
        owner = {GODPARENT_A: "A", GODPARENT_B: "B"}.get(role, "")
    if owner in OWN_CANARIES:
        return OWN_CANARIES[owner]
    if owner == "admin":
        return ALL_CANARIES if role in ORGANISERS else PRISONER_CANARIES
    if owner == "insight":  # letters without their writers: the same for every staff role
        return PRISONER_CANARIES
    return ()


def _login(client, world: World, role: str):
    if role != VISITOR:
        client.force_login(world.users[role])
    return client


def _request(client, case: Case, world: World):
    url = case.url(world)
    if case.post is not None:
        return client.post(url, case.post)
    return client.get(url)


def _body(response) -> str:
    if response.streaming:  # a private file
        return b"".join(response.streaming_content).decode(errors="replace")
    if response.get("Content-Type") == "application/pdf":  # its text, not its compressed bytes
        from pypdf import PdfReader

        return "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        )
    return response.content.decode()


def _leaks(response, allowed_canaries=()) -> list[str]:
    body = _body(response)
    return [c for c in ALL_CANARIES if c in body and c not in allowed_canaries]


def _assert_refused(response, name: str, case: Case, world: World) -> None:
    refusals = [reverse("account_login") + "?", reverse("wagtailadmin_home")]
    if name in REFUSED_TO_OWN_DASHBOARD:
        refusals.append(_ME)
    assert response.status_code in (302, 403, 404), (response.status_code, _leaks(response))
    if response.status_code == 302:
        location = response["Location"]
        assert location in refusals or location.startswith(refusals[0]), location
    assert not _leaks(response), _leaks(response)
    if case.unchanged is not None:
        assert case.unchanged(world), "a refused POST changed its object"


def _assert_allowed(response, name: str, case: Case, role: str, world: World) -> None:
    redirect = REDIRECTS.get((name, role))
    if redirect is not None:
        assert response.status_code == 302
        assert response["Location"] == redirect(world)
    else:
        assert response.status_code == 200, (response.status_code, response.get("Location"))
    assert not _leaks(response, _visible_canaries(case, role)), _leaks(response)
    if case.unchanged is not None:
        assert not case.unchanged(world), "an allowed POST did nothing"


MATRIX = [pytest.param(name, role, id=f"{name}::{role}") for name in CASES for role in ROLES]


@pytest.mark.parametrize(("name", "role"), MATRIX)
def test_access_matrix(client, world, name, role):
    case = CASES[name]
    response = _request(_login(client, world, role), case, world)

    if role in ALLOWED[name]:
        _assert_allowed(response, name, case, role, world)
    else:
        _assert_refused(response, name, case, world)


# Controls: the canaries do reach the pages allowed to show them, so their absence elsewhere
# means something.
CANARIES_SHOWN = [
    ("admin-godparent-edit-of-b", ORGANISER, ("Canaryname", "canary-mail-b", "CANARY-MX-VNOTE-B")),
    ("admin-godparent-staff-list", ORGANISER, ("canary-aide-b",)),
    ("admin-letter-edit-of-letter_b", ORGANISER, (B_LETTER_NOTE,)),
    ("admin-verification-queue", ORGANISER, (PENDING_NAME,)),
    ("admin-restricted-info-edit-of-confidential", DEFENDER, CONFIDENTIAL),
    ("admin-whereabouts-edit-of-whereabouts", DEFENDER, WHEREABOUTS),
    ("admin-whereabouts-edit-of-whereabouts", ORGANISER, WHEREABOUTS),
    ("admin-exile-need-edit-of-need_b", DEFENDER, (B_EXILE_NEED,)),
    ("me-exile-of-B", GODPARENT_B, (B_EXILE_NEED,)),
    ("congress-register-of-B", VISITOR, (B_ACCESS_NEED,)),
    ("admin-congress-registration-edit-of-registration_b", ORGANISER, (B_ACCESS_NEED,)),
    ("admin-congress-check-in", ORGANISER, ("Canaryname",)),
    ("admin-prisoner-edit-of-hidden", DEFENDER, HIDDEN_PRISONER),
    ("me-dashboard-own", GODPARENT_B, ("Canarynone",)),
    ("admin-letter-insight-of-hidden", DEFENDER, ("Canarynone",)),
    ("me-letters-of-B", GODPARENT_B, (B_LETTER_NOTE, "Canarynone")),
    ("me-letter-of-B", GODPARENT_B, ("Canarynone",)),
    ("me-staff-own", GODPARENT_B, ("canary-aide-b",)),
    ("me-export-own", GODPARENT_A, (A_LETTER_NOTE,)),
    ("me-export-own", GODPARENT_B, (B_LETTER_NOTE, "Canaryname", "CANARY-MX-VNOTE-B")),
]


@pytest.mark.parametrize(
    ("name", "role", "canaries"),
    [pytest.param(*row, id=f"{row[0]}::{row[1]}") for row in CANARIES_SHOWN],
)
def test_canaries_reach_the_pages_allowed_to_show_them(client, world, name, role, canaries):
    response = _request(_login(client, world, role), CASES[name], world)

    assert response.status_code == 200
    body = response.content.decode()
    assert [c for c in canaries if c not in body] == []


@pytest.mark.parametrize("role", sorted(STAFF))
def test_the_letter_insight_links_a_reply_scan_only_for_who_may_open_it(client, world, role):
    """A defender sees that a reply came (the insight), never a link to the reply itself."""
    scan_url = reverse("wagtailsnippets_activity_letter:scan", args=[world.letter_b.pk])
    insight = CASES["admin-letter-insight-of-hidden"].url(world)

    body = _login(client, world, role).get(insight).content.decode()

    assert (scan_url in body) is (role in ALLOWED["admin-letter-scan-of-letter_b"])


@pytest.mark.parametrize("role", sorted(ORGANISERS))
def test_an_allowed_reply_scan_is_the_file_and_its_opening_is_audited(client, world, role):
    """An allowed answer carries the stored bytes (not an error page), and is logged."""
    from wagtail.models import ModelLogEntry

    from solidarity.activity.admin_views.decisions import SCAN_READ_LOG

    response = _request(_login(client, world, role), CASES["admin-letter-scan-of-letter_b"], world)

    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert ModelLogEntry.objects.filter(
        action=SCAN_READ_LOG, object_id=str(world.letter_b.pk), user=world.users[role]
    ).exists()


def test_every_case_has_an_expected_access_row():
    assert set(CASES) == set(ALLOWED)
    assert {case for case, _ in REDIRECTS} <= set(CASES)


def test_every_godparent_account_url_is_in_the_matrix():
    """A new view under /<lang>/me/ fails here until the matrix says who may open it."""
    names = {pattern.name for pattern in portal_urls.urlpatterns}
    assert names == {case.url_name for case in ME_CASES.values()}


def test_every_congress_url_is_in_the_matrix():
    """A new participant's page of the Congress fails here until the matrix says who opens it."""
    from solidarity.congress import urls as congress_urls

    names = {pattern.name for pattern in congress_urls.urlpatterns}
    assert names == {case.url_name for name, case in CASES.items() if name.startswith("congress-")}


def test_restricted_information_has_no_inspect_view():
    """The only way to read restricted fields is the audited edit view."""
    from solidarity.prisoners.models import PrisonerConfidential

    assert not PrisonerConfidential.snippet_viewset.inspect_view_enabled


# --- Public pages and the data export ------------------------------------------------------------


@pytest.fixture
def public_urls(world) -> list[str]:
    listing = PrisonerIndexPage.objects.get(locale__language_code="en")
    page = listing.add_child(
        instance=PrisonerPage(title="Ales Publicus", slug="ales-publicus", prisoner=world.p1)
    )
    return [
        "/en/",
        "/en/prisoners/",
        "/en/prisoners/?q=Zoryana",
        page.url,
        f"/en/prisoners/prisoner-{world.hidden.pk}/",
    ]


@pytest.mark.parametrize("role", ROLES)
def test_restricted_canaries_never_appear_on_public_pages(client, world, public_urls, role):
    _login(client, world, role)
    for url in public_urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert not _leaks(response), f"{url} leaks {_leaks(response)} to {role}"


def _export(client, world: World, role: str) -> tuple[dict, str]:
    response = _login(client, world, role).get(reverse("portal:export"))
    assert response.status_code == 200
    return json.loads(response.content), response.content.decode()


def test_export_of_a_holds_their_letter_note_and_nothing_of_b(client, world):
    data, body = _export(client, world, GODPARENT_A)

    assert [letter["note"] for letter in data["godparent_profile"]["letters"]] == [A_LETTER_NOTE]
    assert not [c for c in ALL_CANARIES if c in body and c != A_LETTER_NOTE]


def test_export_of_an_assistant_holds_their_own_data_not_the_godparents(client, world):
    data, body = _export(client, world, ASSISTANT_S)

    assert data["godparent_profile"] is None
    assert [staff["godparent"] for staff in data["staff_of"]] == [world.a.full_name]
    assert not [c for c in ALL_CANARIES if c in body]
