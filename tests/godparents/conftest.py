import pytest
from allauth.account.models import EmailAddress

from solidarity.accounts.roles import Role
from tests.cms.conftest import listings, make_profile, photo  # noqa: F401 (shared fixtures)
from tests.factories import UserFactory
from tests.factories.accounts import user_with_role
from tests.factories.godparents import GodparentProfileFactory, ParliamentFactory


@pytest.fixture
def parliament(db):
    return ParliamentFactory()


@pytest.fixture
def new_user(db):
    """A person who signed up and confirmed their address, without a profile yet."""
    user = UserFactory(email="mp@bundestag.example", preferred_language="en")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def godparent(db):
    """A verified godparent with an account in the godparent role."""
    profile = GodparentProfileFactory(user=user_with_role(Role.GODPARENT))
    EmailAddress.objects.create(
        user=profile.user, email=profile.user.email, verified=True, primary=True
    )
    return profile


@pytest.fixture
def organiser(db):
    return user_with_role(Role.ORGANISER)
