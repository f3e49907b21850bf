"""Sign-up in three visible steps: account, confirm email, profile; each page says which it is."""

import re

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.urls import reverse
from django.utils import translation

from tests.factories.accounts import PASSWORD, user_with_role
from tests.factories.godparents import GodparentProfileFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox")]
LONG_ADDRESS = "a.very.long.name.of.a.member.of.parliament@bundestag.parlament.example.org"


def current_step(html: str) -> tuple[str, str]:
    """("Step N of 3", the name of the step marked current) from the page's step indicator."""
    indicator = re.search(r'<nav class="signup-steps".*?</nav>', html, re.S)
    assert indicator, "no step indicator"
    count = re.search(r'signup-steps__count">([^<]+)<', indicator.group()).group(1)
    current = re.findall(r'<li aria-current="step">([^<]+)</li>', indicator.group())
    assert len(current) == 1
    assert indicator.group().count("<li") == 3
    return count, current[0]


def test_the_sign_up_page_is_step_one_and_says_who_may_sign_up_and_what_follows(client):
    html = client.get(reverse("account_signup")).content.decode()

    assert current_step(html) == ("Step 1 of 3", "Your account")
    assert "Members of a national or regional parliament or assembly" in html
    assert "We propose a political prisoner to you" in html


def test_signing_up_leads_to_step_two_with_a_way_to_get_help(client):
    response = client.post(
        reverse("account_signup"),
        {"email": LONG_ADDRESS, "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("account_email_verification_sent")
    assert current_step(html) == ("Step 2 of 3", "Confirm your email")
    assert f'href="{reverse("account_login")}"' in html  # the fallback until a contact page


def test_the_link_of_the_email_is_step_two_in_the_reader_s_language(client):
    user = user_with_role(None, email=LONG_ADDRESS)
    address = EmailAddress.objects.create(user=user, email=user.email, primary=True)
    with translation.override("be"):
        link = reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key])

    html = client.get(link).content.decode()

    assert current_step(html) == ("Крок 2 з 3", "Пацвярджэнне пошты")
    assert LONG_ADDRESS in html


def test_the_profile_step_is_step_three_and_editing_the_profile_later_is_no_step(client):
    client.force_login(user_with_role(None))

    html = client.get(reverse("portal:profile")).content.decode()

    assert current_step(html) == ("Step 3 of 3", "Your profile")
    assert "Step 2 of 2" not in html

    client.force_login(GodparentProfileFactory().user)
    assert "signup-steps" not in client.get(reverse("portal:profile")).content.decode()
