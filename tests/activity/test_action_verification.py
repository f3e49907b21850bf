"""Organisers verify advocacy actions or reject them with a reason; only verified ones count."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from solidarity.accounts.roles import Role
from solidarity.activity.models import ActionVerification
from solidarity.activity.services import action_reject, action_verify
from tests.factories.accounts import user_with_role
from tests.factories.activity import AdvocacyActionFactory
from tests.factories.godparents import GodparentProfileFactory
from tests.factories.prisoners import PrisonerFactory
from tests.submissions import with_submission

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 20, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def organiser():
    return user_with_role(Role.ORGANISER)


@pytest.fixture
def action():
    godparent = GodparentProfileFactory(user=user_with_role(Role.GODPARENT))
    godparent.user.preferred_language = "ru"
    godparent.user.save()
    action = AdvocacyActionFactory(title="Question on Ihar Losik")
    action.godparents.set([godparent])
    action.prisoners.set([PrisonerFactory()])
    return action


def decide_url(action, decision: str) -> str:
    return reverse("wagtailsnippets_activity_advocacyaction:decide", args=[action.pk, decision])


def test_verifying_stamps_who_and_when_and_is_final(action, organiser):
    with time_machine.travel(NOW, tick=False):
        action_verify(action=action, by=organiser)

    action.refresh_from_db()
    assert action.verification == ActionVerification.VERIFIED
    assert (action.verified_by, action.verified_at) == (organiser, NOW)
    with pytest.raises(ValidationError, match="already verified"):
        action_reject(action=action, by=organiser, reason="Changed my mind")


def test_a_rejection_needs_a_reason_and_tells_the_godparents_in_their_language(
    action, organiser, outbox
):
    with pytest.raises(ValidationError) as error:
        action_reject(action=action, by=organiser, reason="  ")
    assert "rejection_reason" in error.value.error_dict
    assert outbox == []

    action_reject(action=action, by=organiser, reason="No link to the question.")

    action.refresh_from_db()
    assert action.verification == ActionVerification.REJECTED
    assert action.rejection_reason == "No link to the question."
    (email,) = outbox
    assert email.to == [action.godparents.get().user.email]
    assert "No link to the question." in email.body
    assert "Question on Ihar Losik" in email.body
    assert "Losik" not in email.subject
    assert "Организатор" in email.body or "организатор" in email.body


def test_a_repeated_rejection_sends_nothing_twice(action, organiser, outbox):
    action_reject(action=action, by=organiser, reason="No evidence.")
    with pytest.raises(ValidationError):
        action_reject(action=action, by=organiser, reason="No evidence.")

    assert len(outbox) == 1


def test_an_organiser_verifies_from_the_admin_after_confirming(client, action, organiser):
    client.force_login(organiser)

    listing = client.get(reverse("wagtailsnippets_activity_advocacyaction:list"))
    confirm = client.get(decide_url(action, "verify"))
    done = client.post(decide_url(action, "verify"))

    assert decide_url(action, "verify") in listing.content.decode()
    assert "Question on Ihar Losik" in confirm.content.decode()
    assert done.status_code == 302
    action.refresh_from_db()
    assert action.verification == ActionVerification.VERIFIED


def test_a_rejection_in_the_admin_without_a_reason_is_refused_and_changes_nothing(
    client, action, organiser
):
    client.force_login(organiser)

    response = client.post(decide_url(action, "reject"), {"reason": ""})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    action.refresh_from_db()
    assert action.verification == ActionVerification.PENDING


@pytest.mark.parametrize("role", [Role.DEFENDER, Role.GODPARENT])
def test_only_organisers_decide(client, action, role):
    client.force_login(user_with_role(role))

    client.post(decide_url(action, "verify"))

    action.refresh_from_db()
    assert action.verification == ActionVerification.PENDING


def test_the_edit_form_cannot_set_the_verification(client, action, organiser):
    """The state changes only through Verify/Reject: stamped, audited, emailed."""
    client.force_login(organiser)
    url = reverse("wagtailsnippets_activity_advocacyaction:edit", args=[action.pk])

    form = client.get(url).content.decode()

    assert 'name="verification"' not in form


def test_an_action_for_an_unpublished_prisoner_cannot_be_made_public_in_the_admin(
    client, action, organiser
):
    hidden = PrisonerFactory(publicity="none")
    client.force_login(organiser)
    url = reverse("wagtailsnippets_activity_advocacyaction:edit", args=[action.pk])

    response = client.post(
        url,
        {
            "kind": action.kind,
            "occurred_on": "2026-02-10",
            "title": action.title,
            "description": "",
            "evidence_url": "",
            "prisoners": [hidden.pk],
            "godparents": [g.pk for g in action.godparents.all()],
            "is_public": "on",
        },
    )

    assert response.status_code == 200
    assert "refused publicity" in response.content.decode()
    assert list(action.prisoners.all()) != [hidden]


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_a_godparent_attaches_evidence_that_only_organisers_open(client, godparent, outbox):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from solidarity.activity.models import AdvocacyAction
    from tests.factories.matching import MatchFactory

    match = MatchFactory(godparent=godparent)
    client.force_login(godparent.user)

    refused = client.post(
        f"/en/me/for/{godparent.pk}/action/",
        with_submission(
            client,
            f"/en/me/for/{godparent.pk}/action/",
            {
                "kind": "public_statement",
                "occurred_on": "2026-11-01",
                "title": "Statement",
                "prisoners": [match.prisoner.pk],
                "evidence_file": SimpleUploadedFile(
                    "x.png", b"MZ\x90\x00", content_type="image/png"
                ),
            },
        ),
    )
    assert "Upload a PDF, JPEG or PNG file." in refused.content.decode()
    assert not AdvocacyAction.objects.exists()

    client.post(
        f"/en/me/for/{godparent.pk}/action/",
        with_submission(
            client,
            f"/en/me/for/{godparent.pk}/action/",
            {
                "kind": "public_statement",
                "occurred_on": "2026-11-01",
                "title": "Statement",
                "prisoners": [match.prisoner.pk],
                "evidence_file": SimpleUploadedFile("Anna Screenshot.png", PNG),
            },
        ),
    )
    action = AdvocacyAction.objects.get()
    assert action.evidence_file.name.rsplit("/", 1)[-1].startswith("evidence")
    url = reverse("wagtailsnippets_activity_advocacyaction:evidence", args=[action.pk])

    client.force_login(user_with_role(Role.ORGANISER))
    assert url in client.get(decide_url(action, "verify")).content.decode()
    opened = client.get(url)
    assert opened.status_code == 200
    assert b"".join(opened.streaming_content) == PNG
    assert "no-store" in opened["Cache-Control"]
    for role in (Role.DEFENDER, Role.GODPARENT):
        client.force_login(user_with_role(role))
        assert client.get(url).status_code in (302, 403)
