import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction

from solidarity.accounts.permissions import (
    can_manage_godparents,
    can_open_reply_scans,
    can_view_restricted_prisoner_data,
    is_staff_member,
    user_roles,
)
from solidarity.accounts.roles import GROUP_NAMES, ROLE_PERMISSIONS, Role
from solidarity.accounts.services import roles_sync
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _codenames(role: Role) -> set[str]:
    group = Group.objects.get(name=GROUP_NAMES[role])
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


@pytest.mark.parametrize("role", list(Role))
def test_the_migration_gives_each_role_exactly_its_permissions(role):
    expected = {
        f"{app}.{action}_{model}"
        for (app, model), actions in ROLE_PERMISSIONS[role].items()
        for action in actions
    }
    assert _codenames(role) == expected


def test_roles_sync_repairs_a_group_and_is_idempotent():
    defenders = Group.objects.get(name=GROUP_NAMES[Role.DEFENDER])
    defenders.permissions.clear()
    roles_sync()
    roles_sync()
    assert Group.objects.filter(name=GROUP_NAMES[Role.DEFENDER]).count() == 1
    assert "prisoners.change_prisonerconfidential" in _codenames(Role.DEFENDER)


def test_godparents_get_no_admin_permission():
    assert not any("access_admin" in name for name in _codenames(Role.GODPARENT))
    assert "wagtailadmin.access_admin" in _codenames(Role.DEFENDER)


def test_only_organisers_manage_matching_and_reports():
    assert "matching.add_matchingrun" not in _codenames(Role.DEFENDER)
    assert "reports.view_reportrun" not in _codenames(Role.DEFENDER)
    assert {"matching.add_matchingrun", "reports.add_reportrun"} <= _codenames(Role.ORGANISER)


@pytest.mark.parametrize(
    ("role", "staff", "restricted", "manages"),
    [
        (None, False, False, False),
        (Role.GODPARENT, False, False, False),
        (Role.DEFENDER, True, True, False),
        (Role.ORGANISER, True, True, True),
        (Role.ADMIN, True, True, True),
    ],
)
def test_the_policy_answers_per_role(role_users, role, staff, restricted, manages):
    user = role_users[role]
    assert is_staff_member(user) is staff
    assert can_view_restricted_prisoner_data(user) is restricted
    assert can_manage_godparents(user) is manages
    # A reply scan is a letter: whoever handles letters (organisers, admins), never defenders.
    assert can_open_reply_scans(user) is manages


def test_an_inactive_user_has_no_role(role_users):
    organiser = role_users[Role.ORGANISER]
    organiser.is_active = False
    assert user_roles(organiser) == frozenset()


def test_emails_are_unique_whatever_their_case():
    UserFactory(email="anna@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(email="Anna@Example.org")
