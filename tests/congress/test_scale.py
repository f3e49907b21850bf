"""The register and the hall screen run the same number of queries with 10 godparents as with
10,000 (issue 19's acceptance): every figure is a grouped count, never a loop over people."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from solidarity.common.signals import records_written
from solidarity.congress.models import (
    Congress,
    Invitation,
    InvitationKind,
    Pledge,
    Registration,
)
from solidarity.godparents.models import GodparentProfile, Parliament, VerificationState

pytestmark = pytest.mark.django_db

COUNTRIES = ("DE", "LT", "PL", "LV", "EE", "FI", "SE", "CZ", "FR", "NL")


def _people(congress: Congress, count: int, start: int) -> None:
    """`count` verified godparents over ten countries' parliaments, each registered and pledging."""
    parliaments = {
        code: Parliament.objects.get_or_create(country=code, name=f"Parliament {code}")[0]
        for code in COUNTRIES
    }
    now = timezone.now()
    godparents = GodparentProfile.objects.bulk_create(
        GodparentProfile(
            full_name=f"Godparent {n}",
            parliament=parliaments[COUNTRIES[n % len(COUNTRIES)]],
            verification_state=VerificationState.VERIFIED,
            verified_at=now,
            public_listing_consent=n % 3 == 0,
            is_discreet=n % 3 != 0 and n % 7 == 1,
        )
        for n in range(start, start + count)
    )
    invitations = Invitation.objects.bulk_create(
        Invitation(
            congress=congress,
            email=f"gp{godparent.pk}@parliament.example",
            kind=InvitationKind.GODPARENT,
            godparent=godparent,
        )
        for godparent in godparents
    )
    registrations = Registration.objects.bulk_create(
        Registration(
            congress=congress,
            invitation=invitation,
            godparent=invitation.godparent,
            full_name=invitation.godparent.full_name,
            email=invitation.email,
            country=COUNTRIES[index % len(COUNTRIES)],
            checked_in_at=now if index % 2 else None,
        )
        for index, invitation in enumerate(invitations)
    )
    Pledge.objects.bulk_create(
        Pledge(registration=registration, prisoners=1 + index % 3)
        for index, registration in enumerate(registrations)
        if index % 4 == 0
    )
    records_written.send(sender=None)  # as bulk writes do: the register is counted again


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_queries_do_not_grow_from_ten_to_ten_thousand_godparents(client, site, page_cache_off):
    congress = Congress.objects.create(
        title="Congress",
        starts_on=datetime.date(2027, 3, 25),
        ends_on=datetime.date(2027, 3, 26),
        place="Vilnius",
    )
    urls = (reverse("congress:hall", args=[congress.pk]), "/en/parliaments/")
    for url in urls:
        client.get(url)  # the first request of a test also reads the site and the locales
    _people(congress, 10, 0)
    few = [_queries(client, url) for url in urls]
    _people(congress, 9_990, 10)
    assert GodparentProfile.objects.count() == 10_000
    assert [_queries(client, url) for url in urls] == few
