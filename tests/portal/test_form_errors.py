"""Errors a phone user can find: a summary at the top that links to each invalid field, and each
field's error next to it, tied to the input with aria-invalid and aria-describedby."""

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.template.loader import render_to_string

from solidarity.godparents.services import EVIDENCE_REQUIRED
from tests.factories.matching import MatchFactory

from .conftest import profile_data

pytestmark = pytest.mark.django_db
PROFILE_URL = "/en/me/profile/"


def _summary(soup: BeautifulSoup):
    summary = soup.select_one("[data-error-summary]")
    assert summary is not None
    assert (summary["role"], summary["tabindex"]) == ("alert", "-1")
    assert summary.find("script") is None  # the focusing script sits outside the alert's text
    return summary


def _links(summary) -> dict[str, str]:
    return {link["href"]: link.get_text(" ", strip=True) for link in summary.select("a")}


def _assert_described(soup: BeautifulSoup, element, field_id: str, message: str) -> None:
    """The element (an input, or the fieldset of a group) names the field's error, and its help
    text if any, and that error element holds the message."""
    described = element["aria-describedby"].split()
    assert f"{field_id}_error" in described
    for target in described:
        assert soup.find(id=target) is not None, target
    assert message in soup.find(id=f"{field_id}_error").get_text()


def test_the_profile_form_links_each_error_and_ties_it_to_its_input(client, new_user, parliament):
    client.force_login(new_user)

    response = client.post(PROFILE_URL, profile_data(parliament, full_name="", languages=[]))

    soup = BeautifulSoup(response.content, "html.parser")
    links = _links(_summary(soup))
    assert links["#id_full_name"] == "Full name: This field is required."
    # A group of checkboxes: the link leads to its first box.
    assert links["#id_languages_0"] == (
        "Languages you can write letters in: This field is required."
    )
    name = soup.find(id="id_full_name")
    assert name["aria-invalid"] == "true"
    _assert_described(soup, name, "id_full_name", "This field is required.")
    assert "id_full_name_helptext" in name["aria-describedby"].split()
    group = soup.find(id="id_languages_0").find_parent("fieldset")
    _assert_described(soup, group, "id_languages", "This field is required.")
    assert {box["aria-invalid"] for box in group.select("input")} == {"true"}
    assert soup.find(id="id_party").get("aria-invalid") is None


def test_an_error_from_the_service_reaches_the_summary_and_its_field(client, new_user, parliament):
    client.force_login(new_user)

    response = client.post(
        PROFILE_URL, profile_data(parliament, official_email="", mandate_evidence_url="")
    )

    soup = BeautifulSoup(response.content, "html.parser")
    assert _links(_summary(soup)) == {
        "#id_official_email": f"Official email address: {EVIDENCE_REQUIRED}"
    }
    email = soup.find(id="id_official_email")
    assert email["aria-invalid"] == "true"
    _assert_described(soup, email, "id_official_email", str(EVIDENCE_REQUIRED))


def test_the_parliament_picker_ties_its_error_to_the_select(client, new_user, parliament):
    client.force_login(new_user)

    response = client.post(PROFILE_URL, profile_data(None))

    soup = BeautifulSoup(response.content, "html.parser")
    assert "#id_parliament" in _links(_summary(soup))
    select = soup.find(id="id_parliament")
    assert select["aria-invalid"] == "true"
    _assert_described(soup, select, "id_parliament", "Choose your parliament")


def test_the_letter_form_links_each_error_and_ties_it_to_its_input(client, godparent):
    match = MatchFactory(godparent=godparent)
    client.force_login(godparent.user)

    response = client.post(
        f"/en/me/prisoners/{match.pk}/letter/", {"sent_on": "", "channel": "pigeon"}
    )

    soup = BeautifulSoup(response.content, "html.parser")
    links = _links(_summary(soup))
    assert links["#id_sent_on"] == "Sent on: This field is required."
    assert links["#id_channel_0"].startswith("How: Select a valid choice.")
    date = soup.find(id="id_sent_on")
    assert date["aria-invalid"] == "true"
    _assert_described(soup, date, "id_sent_on", "This field is required.")
    channel = soup.find(id="id_channel_0").find_parent("fieldset")
    _assert_described(soup, channel, "id_channel", "Select a valid choice.")


def test_errors_of_the_whole_form_are_listed_in_the_summary_too():
    class Form(forms.Form):
        note = forms.CharField(required=False)

    form = Form(data={})
    form.is_valid()
    form.add_error(None, "This letter can no longer be changed.")

    soup = BeautifulSoup(
        render_to_string("includes/form_errors.html", {"form": form}), "html.parser"
    )

    assert "This letter can no longer be changed." in _summary(soup).get_text()


def test_a_form_without_errors_has_no_summary(client, new_user):
    client.force_login(new_user)

    soup = BeautifulSoup(client.get(PROFILE_URL).content, "html.parser")

    assert soup.select_one("[data-error-summary]") is None
    assert soup.find(id="id_full_name").get("aria-invalid") is None


@pytest.mark.parametrize("language", ["en", "be"])
def test_allauths_sign_up_form_links_its_errors_like_every_portal_form(client, language):
    """allauth's forms render through the site's field includes (templates/allauth/elements/):
    a mistyped repeated password is linked from the summary and tied to its input."""
    response = client.post(
        f"/{language}/accounts/signup/",
        {
            "email": "mp@parliament.example",
            "password1": "a-long-and-unusual-passphrase-42",
            "password2": "a-long-and-unusual-passphrase-43",
        },
    )

    soup = BeautifulSoup(response.content, "html.parser")
    summary = _summary(soup)
    (href,) = _links(summary)
    assert href == "#id_password2"
    field = soup.find(id="id_password2")
    assert field["aria-invalid"] == "true"
    message = soup.find(id="id_password2_error").get_text(strip=True)
    _assert_described(soup, field, "id_password2", message)
    assert soup.find("label", attrs={"for": "id_password2"}) is not None
