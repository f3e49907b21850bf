"""Shared fixtures: a real Wagtail page tree per locale and users for every role."""

import pytest

from solidarity.accounts.roles import Role
from tests.factories import user_with_role


@pytest.fixture
def site(db):
    """The public site as `make run` sets it up: home and prisoner listing in en, be and ru."""
    from cms.services import site_setup

    return site_setup()


@pytest.fixture
def role_users(db):
    """One user per role, plus a user with no role."""
    return {role: user_with_role(role) for role in [*Role, None]}
