"""Staff reach no admin page without a second factor; godparents are not required to have one."""

import pytest
from django.conf import settings
from django.urls import reverse

from solidarity.accounts.roles import STAFF_ROLES, Role
from tests.factories import user_with_role
from tests.factories.accounts import totp_code

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ["/admin/", "/admin/pages/", "/admin/prisoners/import/"]


def test_the_rule_is_on_in_the_settings_every_environment_uses():
    assert "solidarity.accounts.middleware.StaffMFAMiddleware" in settings.MIDDLEWARE


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, role):
    client.force_login(user_with_role(role, mfa=False))
    for page in ADMIN_PAGES:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response.url.endswith(reverse("mfa_activate_totp")), page


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_whose_session_skipped_the_second_factor_must_confirm_it(client, role):
    client.force_login(user_with_role(role), mfa=False)
    response = client.get("/admin/prisoners/import/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_reauthenticate"))
    assert "next=%2Fadmin%2Fprisoners%2Fimport%2F" in response.url

    confirmed = client.post(response.url, {"code": totp_code()})
    assert confirmed.url == "/admin/prisoners/import/"
    assert client.get("/admin/prisoners/import/").status_code == 200


def test_staff_with_a_confirmed_second_factor_use_the_admin(client):
    client.force_login(user_with_role(Role.DEFENDER))
    assert client.get("/admin/prisoners/import/").status_code == 200


def test_godparents_need_no_second_factor_for_their_own_pages(client):
    godparent = user_with_role(Role.GODPARENT)
    client.force_login(godparent)
    assert client.get(reverse("mfa_index")).status_code == 200
    # The admin stays closed to them for another reason: they have no admin access at all.
    assert client.get("/admin/").status_code == 403


@pytest.mark.parametrize("role", [Role.GODPARENT, None])
@pytest.mark.parametrize("path", ["/admin/", "/admin/prisoners/import/", "/admin/pages/"])
def test_a_signed_in_user_without_admin_access_gets_one_clear_page_not_a_redirect_loop(
    client, role, path
):
    """Wagtail sends them to the login, which sends a signed-in user back to ?next=/admin/."""
    client.force_login(user_with_role(role))

    response = client.get(path, headers={"accept-language": "be"})

    assert response.status_code == 403
    body = response.content.decode()
    assert f'href="{reverse("portal:dashboard")}"' in body
    assert "Гэты раздзел — для супрацоўнікаў праграмы" in body  # in the reader's language
    assert "This area is for the programme's staff" in client.get(path).content.decode()


def test_setting_up_the_authenticator_confirms_the_session_for_the_admin(client, outbox):
    from allauth.account.models import EmailAddress

    from tests.factories.accounts import PASSWORD

    organiser = user_with_role(Role.ORGANISER, mfa=False)
    EmailAddress.objects.create(user=organiser, email=organiser.email, verified=True, primary=True)
    client.post(reverse("account_login"), {"login": organiser.email, "password": PASSWORD})
    # allauth asks for the password again before a second factor is added.
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    activation = client.get(reverse("mfa_activate_totp"))
    secret = activation.context["form"].secret

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_adding_a_second_authenticator_does_not_stand_in_for_the_first(rf):
    """With a factor already registered, adding another needs only the password: it must not
    mark the session as confirmed by a second factor."""
    from allauth.account.authentication import get_authentication_records
    from allauth.mfa import signals
    from allauth.mfa.models import Authenticator
    from django.contrib.sessions.backends.db import SessionStore

    organiser = user_with_role(Role.ORGANISER)  # has TOTP already
    request = rf.get("/")
    request.user, request.session = organiser, SessionStore()
    second = Authenticator.objects.create(
        user=organiser, type=Authenticator.Type.WEBAUTHN, data={"name": "key"}
    )

    signals.authenticator_added.send(
        sender=Authenticator, request=request, user=organiser, authenticator=second
    )

    assert get_authentication_records(request, organiser) == []
