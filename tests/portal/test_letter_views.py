"""The godparent's letter pages: list, correct and delete within 30 days, reply or return, scan."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from solidarity.accounts.roles import Role
from solidarity.activity.models import Letter, LetterOutcome
from solidarity.activity.services import letter_record_outcome
from solidarity.godparents.models import GodparentStaff
from tests.factories.accounts import user_with_role
from tests.factories.activity import LetterFactory
from tests.factories.matching import MatchFactory

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
LOGGED = datetime.datetime(2026, 10, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def letter(godparent):
    match = MatchFactory(godparent=godparent)
    with time_machine.travel(LOGGED, tick=False):
        return LetterFactory(
            godparent=godparent,
            prisoner=match.prisoner,
            match=match,
            sent_on=datetime.date(2026, 9, 30),
            note="Birthday card",
        )


@pytest.fixture
def assistant(godparent):
    user = user_with_role(Role.GODPARENT)
    GodparentStaff.objects.create(
        godparent=godparent, user=user, invited_email=user.email, accepted_at=timezone.now()
    )
    return user


def test_the_dashboard_offers_the_recent_letters_with_their_next_step(client, godparent, letter):
    client.force_login(godparent.user)

    with time_machine.travel(LOGGED + datetime.timedelta(days=3), tick=False):
        content = client.get("/en/me/").content.decode()

    assert "Your recent letters" in content
    assert f"/en/me/letters/{letter.pk}/outcome/" in content
    assert f"/en/me/letters/{letter.pk}/edit/" in content


def test_reply_or_return_is_offered_only_while_nothing_came_of_the_letter(
    client, godparent, letter
):
    client.force_login(godparent.user)
    outcome_url = f"/en/me/letters/{letter.pk}/outcome/"
    letters_url = f"/en/me/for/{godparent.pk}/letters/"
    assert outcome_url in client.get(letters_url).content.decode()

    letter_record_outcome(
        letter=letter,
        by=godparent.user,
        outcome=LetterOutcome.RETURNED,
        on=datetime.date(2026, 10, 20),
    )

    assert outcome_url not in client.get(letters_url).content.decode()
    assert outcome_url not in client.get("/en/me/").content.decode()


def test_a_letter_is_corrected_within_30_days(client, godparent, letter):
    client.force_login(godparent.user)

    with time_machine.travel(LOGGED + datetime.timedelta(days=29), tick=False):
        response = client.post(
            f"/en/me/letters/{letter.pk}/edit/",
            {"sent_on": "2026-09-28", "channel": "electronic", "language": "be", "note": ""},
        )

    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.sent_on, letter.channel, letter.language) == (
        datetime.date(2026, 9, 28),
        "electronic",
        "be",
    )


def test_after_30_days_a_letter_is_kept_for_the_record(client, godparent, letter):
    client.force_login(godparent.user)
    later = LOGGED + datetime.timedelta(days=31)

    with time_machine.travel(later, tick=False):
        listing = client.get(f"/en/me/for/{godparent.pk}/letters/").content.decode()
        edit = client.post(
            f"/en/me/letters/{letter.pk}/edit/",
            {"sent_on": "2026-09-28", "channel": "post", "language": "", "note": ""},
        )
        delete = client.post(f"/en/me/letters/{letter.pk}/delete/")

    assert f"/en/me/letters/{letter.pk}/edit/" not in listing
    assert f"/en/me/letters/{letter.pk}/delete/" not in listing
    assert f"/en/me/letters/{letter.pk}/outcome/" in listing  # a reply may come months later
    assert edit.status_code == delete.status_code == 302
    letter.refresh_from_db()
    assert letter.sent_on == datetime.date(2026, 9, 30)


def test_deleting_asks_first_then_removes(client, godparent, letter):
    client.force_login(godparent.user)

    with time_machine.travel(LOGGED + datetime.timedelta(days=1), tick=False):
        confirm = client.get(f"/en/me/letters/{letter.pk}/delete/")
        assert Letter.objects.filter(pk=letter.pk).exists()
        client.post(f"/en/me/letters/{letter.pk}/delete/")

    assert "Delete this letter?" in confirm.content.decode()
    assert not Letter.objects.filter(pk=letter.pk).exists()


def test_a_reply_with_a_scan_is_recorded_and_only_its_readers_open_it(
    client, godparent, letter, assistant
):
    client.force_login(godparent.user)

    response = client.post(
        f"/en/me/letters/{letter.pk}/outcome/",
        {
            "outcome": LetterOutcome.REPLY_RECEIVED,
            "outcome_on": timezone.localdate().isoformat(),
            "reply_scan": SimpleUploadedFile("Ihar Losik.png", PNG, content_type="image/png"),
        },
    )

    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.outcome == LetterOutcome.REPLY_RECEIVED
    assert letter.reply_scan.name.endswith(".png")
    assert "Losik" not in letter.reply_scan.name
    scan = client.get(f"/en/me/letters/{letter.pk}/scan/")
    assert scan.status_code == 200
    assert scan["Content-Type"] == "image/png"
    assert scan["Cache-Control"] == "private, no-store"
    assert b"".join(scan.streaming_content) == PNG
    for reader in (user_with_role(Role.DEFENDER), assistant, user_with_role(Role.GODPARENT)):
        client.force_login(reader)
        assert client.get(f"/en/me/letters/{letter.pk}/scan/").status_code == 404, reader


def test_organisers_open_a_scan_in_the_admin_and_each_opening_is_audited(client, godparent, letter):
    from django.urls import reverse
    from wagtail.models import ModelLogEntry

    letter_record_outcome(
        letter=letter,
        by=godparent.user,
        outcome=LetterOutcome.REPLY_RECEIVED,
        on=timezone.localdate(),
        scan=SimpleUploadedFile("r.png", PNG),
    )
    url = reverse("wagtailsnippets_activity_letter:scan", args=[letter.pk])
    history = reverse("letter_insight:prisoner", args=[letter.prisoner_id])
    for role in (Role.ORGANISER, Role.ADMIN):
        reader = user_with_role(role)
        client.force_login(reader)
        assert url in client.get(history).content.decode()  # the organisers' way to it
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PNG
        assert ModelLogEntry.objects.filter(
            object_id=str(letter.pk), action="solidarity.reply_scan_read", user=reader
        ).exists()
    defender = user_with_role(Role.DEFENDER)
    client.force_login(defender)  # a reply is a letter: defenders see the insight, not the scan
    assert url not in client.get(history).content.decode()
    refused = client.get(url)  # Wagtail's refusal: back to the dashboard, no file
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
    client.force_login(godparent.user)  # the godparent has no admin: their own page serves it
    assert client.get(url).status_code == 403  # "this area is for the programme's staff"
    organiser = user_with_role(Role.ORGANISER)
    client.force_login(organiser, mfa=False)  # a password alone never opens a reply
    assert client.get(url).status_code == 302
    assert not ModelLogEntry.objects.filter(user__in=[defender, organiser]).exists()


def test_correcting_a_reply_to_a_return_deletes_its_scan(godparent, letter, outbox):
    letter = letter_record_outcome(
        letter=letter,
        by=godparent.user,
        outcome=LetterOutcome.REPLY_RECEIVED,
        on=timezone.localdate(),
        scan=SimpleUploadedFile("r.png", PNG),
    )
    storage, name = letter.reply_scan.storage, letter.reply_scan.name

    letter = letter_record_outcome(
        letter=letter, by=godparent.user, outcome=LetterOutcome.RETURNED, on=timezone.localdate()
    )

    assert not letter.reply_scan
    assert not storage.exists(name)


def test_a_file_that_is_not_a_scan_is_refused_with_a_clear_error(client, godparent, letter):
    client.force_login(godparent.user)

    response = client.post(
        f"/en/me/letters/{letter.pk}/outcome/",
        {
            "outcome": LetterOutcome.REPLY_RECEIVED,
            "outcome_on": timezone.localdate().isoformat(),
            "reply_scan": SimpleUploadedFile("reply.png", b"<html>", content_type="image/png"),
        },
    )

    assert response.status_code == 200
    assert "Upload a PDF, JPEG or PNG file." in response.content.decode()
    letter.refresh_from_db()
    assert letter.outcome == LetterOutcome.SENT
    assert not letter.reply_scan


def test_a_staff_member_records_a_return_for_the_godparent(client, godparent, letter, assistant):
    client.force_login(assistant)

    client.post(
        f"/en/me/letters/{letter.pk}/outcome/",
        {"outcome": LetterOutcome.RETURNED, "outcome_on": timezone.localdate().isoformat()},
    )

    letter.refresh_from_db()
    assert letter.outcome == LetterOutcome.RETURNED


@pytest.mark.parametrize("path", ["edit/", "delete/", "outcome/", "scan/"])
def test_another_godparents_letter_is_not_found(client, godparent, letter, path):
    letter_record_outcome(
        letter=letter,
        by=godparent.user,
        outcome=LetterOutcome.REPLY_RECEIVED,
        on=timezone.localdate(),
        scan=SimpleUploadedFile("r.png", PNG),
    )
    client.force_login(user_with_role(Role.GODPARENT))

    assert client.get(f"/en/me/letters/{letter.pk}/{path}").status_code == 404
    assert client.post(f"/en/me/letters/{letter.pk}/{path}").status_code in (404, 405)
    assert Letter.objects.filter(pk=letter.pk).exists()


def test_the_letter_list_is_paginated_in_a_fixed_number_of_queries(
    client, godparent, django_assert_max_num_queries
):
    match = MatchFactory(godparent=godparent)
    LetterFactory.create_batch(60, godparent=godparent, prisoner=match.prisoner, match=match)
    client.force_login(godparent.user)

    for letter in Letter.objects.all()[:20]:  # scans must not cost a query each
        letter_record_outcome(
            letter=letter,
            by=godparent.user,
            outcome=LetterOutcome.REPLY_RECEIVED,
            on=timezone.localdate(),
            scan=SimpleUploadedFile("r.png", PNG),
        )

    with django_assert_max_num_queries(12):
        first = client.get(f"/en/me/for/{godparent.pk}/letters/")
    second = client.get(f"/en/me/for/{godparent.pk}/letters/?page=2").content.decode()

    assert first.content.decode().count('class="letter ') == 50
    assert second.count('class="letter ') == 10
