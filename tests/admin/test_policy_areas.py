"""Custom admin areas (import, verification queue, matching runs) show their menu to whoever
their policy lets in, and to nobody else."""

import pytest
from django.urls import reverse

from solidarity.accounts.roles import Role
from tests.factories.accounts import user_with_role

pytestmark = pytest.mark.django_db
AREAS = {
    "Import the list": "prisoner_import:index",
    "Verification queue": "godparent_verification:index",
    "Run matching": "matching_runs:index",
}
SHOWN_TO = {
    Role.DEFENDER: {"Import the list"},
    Role.ORGANISER: set(AREAS),
    Role.ADMIN: set(AREAS),
}


@pytest.mark.parametrize("role", list(SHOWN_TO))
def test_each_area_is_in_the_menu_of_the_roles_its_policy_allows(client, role):
    client.force_login(user_with_role(role))

    menu = client.get(reverse("wagtailadmin_home")).content.decode()

    shown = {label for label, url_name in AREAS.items() if reverse(url_name) in menu}
    assert shown == SHOWN_TO[role]
