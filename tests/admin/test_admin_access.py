"""Every role against the admin dashboard and the list, add and edit views of every viewset.

What happens on a refusal: anonymous visitors are redirected to the login; signed-in users
without admin access (godparents, users with no role) get one page saying the area is for staff
(a 403, never the login, which would send them back: a redirect loop); staff without the
model permission are redirected to the dashboard with an error message. No refused response
carries record data.

The access matrix (tests/accounts/test_access_matrix.py) already checks the list and object
views of the models it holds a record of; here are the cases it does not have (every add view,
the reference tables), never the same (role, view) twice. The records and users are built once
for the module; each case runs in a savepoint.
"""

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.urls import reverse

from solidarity.accounts.roles import Role
from solidarity.reports.models import ReportRun
from tests.accounts.test_access_matrix import ADMIN_CASES
from tests.factories import user_with_role

from .conftest import PRISONER_NAME, admin_url, build_records

pytestmark = pytest.mark.django_db

ADMIN, ORGANISER, DEFENDER = "admin", "organiser", "defender"
ROLES = [ADMIN, ORGANISER, DEFENDER, "godparent", "no_role", "anonymous"]
STAFF = {ADMIN, ORGANISER, DEFENDER}
ORGANISERS = {ADMIN, ORGANISER}
NOBODY: set[str] = set()
EDITED_BY_STAFF = {"list": STAFF, "add": STAFF, "edit": STAFF}
SEEN_BY_STAFF_EDITED_BY_ORGANISERS = {"list": STAFF, "add": ORGANISERS, "edit": ORGANISERS}
ORGANISERS_ONLY = {"list": ORGANISERS, "add": ORGANISERS, "edit": ORGANISERS}

# viewset (model name) -> view -> roles that get the page
ALLOWED = {
    "prisoner": EDITED_BY_STAFF,
    "facility": EDITED_BY_STAFF,
    "criminalarticle": EDITED_BY_STAFF,
    "charge": EDITED_BY_STAFF,
    "background": EDITED_BY_STAFF,
    "prisonerconfidential": EDITED_BY_STAFF,
    "whereabouts": EDITED_BY_STAFF,
    # Needs in exile (issue 18): restricted like whereabouts; they name no godparent.
    "exileneed": EDITED_BY_STAFF,
    # History is written by the status change service only.
    "statuschange": {"list": STAFF, "add": NOBODY, "edit": NOBODY},
    # Defenders see prisoner records, not who supports whom (discreet godparents included).
    "godparentprofile": ORGANISERS_ONLY,
    "parliament": SEEN_BY_STAFF_EDITED_BY_ORGANISERS,
    "godparentstaff": ORGANISERS_ONLY,
    "match": ORGANISERS_ONLY,
    "matchingrun": ORGANISERS_ONLY,
    # Godparents log letters on the public site; organisers verify them here.
    "letter": {"list": ORGANISERS, "add": {ADMIN}, "edit": ORGANISERS},
    "advocacyaction": ORGANISERS_ONLY,
    "reportrun": ORGANISERS_ONLY,
    "congress": ORGANISERS_ONLY,
    "declaration": ORGANISERS_ONLY,
    # People are invited from the desk (which emails them) and register from their link.
    "invitation": {"list": ORGANISERS, "edit": ORGANISERS},
    "registration": {"list": ORGANISERS, "edit": ORGANISERS},
    # What the letter composer offers and flags (issue 20): defenders keep it.
    "phrase": EDITED_BY_STAFF,
    "censorterm": EDITED_BY_STAFF,
    "censorreason": EDITED_BY_STAFF,
    "advocacytemplate": EDITED_BY_STAFF,
}
# viewset -> the access matrix's name for it (its cases are "admin-<name>-<view>[-of-<object>]")
MATRIX_NAMES = {
    "prisoner": "prisoner",
    "prisonerconfidential": "restricted-info",
    "whereabouts": "whereabouts",
    "exileneed": "exile-need",
    "parliament": "parliament",
    "godparentprofile": "godparent",
    "godparentstaff": "godparent-staff",
    "match": "match",
    "matchingrun": "matching-run",
    "letter": "letter",
    "advocacyaction": "action",
    "reportrun": "report-run",
    "congress": "congress",
    "invitation": "congress-invitation",
    "registration": "congress-registration",
    "phrase": "letter-phrase",
    "censorterm": "censor-term",
    "censorreason": "censor-reason",
    "advocacytemplate": "advocacy-template",
}


def in_the_matrix(key: str, view: str) -> bool:
    if key not in MATRIX_NAMES:
        return False
    name = f"admin-{MATRIX_NAMES[key]}-{view}"
    return any(case == name or case.startswith(f"{name}-of-") for case in ADMIN_CASES)


CASES = [
    pytest.param(role, key, view, id=f"{role}-{key}-{view}")
    for role in ROLES
    for key in ALLOWED
    for view in ALLOWED[key]
    if not in_the_matrix(key, view)
]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[tuple[dict, dict]]:
    """One user per role and one record per viewset, rolled back when the module ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        users = {role: user_with_role(role) for role in [*Role, None]}
        yield users, build_records()
        transaction.set_rollback(True)


@pytest.fixture
def role_users(world):
    return world[0]


@pytest.fixture
def records(world):
    return world[1]


def _client_for(client, role_users, role: str):
    if role != "anonymous":
        key = None if role == "no_role" else Role(role)
        client.force_login(role_users[key])
    return client


def _assert_refused(response, role: str) -> None:
    if role in STAFF:
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
    elif role == "anonymous":
        # Everyone signs in through allauth (verified email, rate limits, MFA).
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == 403
    assert PRISONER_NAME not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_admin_dashboard_opens_for_staff_roles_only(client, role_users, role):
    response = _client_for(client, role_users, role).get(reverse("wagtailadmin_home"))

    if role in STAFF:
        assert response.status_code == 200
    else:
        _assert_refused(response, role)


@pytest.mark.parametrize(("role", "key", "view"), CASES)
def test_role_reaches_exactly_the_admin_views_its_permissions_allow(
    client, role_users, records, role, key, view
):
    record = records[key]
    pk = record.pk if view == "edit" else None

    response = _client_for(client, role_users, role).get(admin_url(type(record), view, pk))

    if role in ALLOWED[key][view] and (key, view) == ("matchingrun", "add"):
        # Runs are started where they are computed and reviewed.
        assert response.url == reverse("matching_runs:add")
    elif role in ALLOWED[key][view] and (key, view) == ("reportrun", "edit"):
        # A report's parameters are fixed once its files are made: the run's page shows it.
        assert response.url == admin_url(ReportRun, "inspect", pk)
    elif role in ALLOWED[key][view]:
        assert response.status_code == 200
    else:
        _assert_refused(response, role)


def test_the_matrix_and_this_module_share_no_case_and_miss_none():
    """Every (viewset, view) is checked once: here or in the access matrix."""
    assert {name for name in MATRIX_NAMES.values() if f"admin-{name}-list" in ADMIN_CASES} == set(
        MATRIX_NAMES.values()
    )
    here = {(key, view) for _role, key, view in (case.values for case in CASES)}
    assert ("prisoner", "add") in here
    assert ("prisoner", "list") not in here
    assert ("facility", "list") in here


def test_every_admin_viewset_is_in_the_access_matrix(records):
    from wagtail.snippets.models import get_snippet_models

    ours = {m._meta.model_name for m in get_snippet_models() if m._meta.app_label != "cms"}
    assert ours == set(ALLOWED)
