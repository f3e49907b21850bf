"""A public site with thousands of realistic records, seeded in bulk for query-count tests.

Reuses the demo generators behind `manage.py seed_demo` (and so `bench/bench_seed.py`): facilities,
charges, status history, mixed publicity, godparents and matches in every state, all through
`bulk_create`. Letters and advocacy actions are left out: no public page reads them. On top, one
Full record gets an editorial page with a photo, the profile that reads the most.
"""

import datetime
import io
from dataclasses import dataclass

from django.core.files.images import ImageFile
from django.db.models import Exists, OuterRef
from PIL import Image as PILImage
from wagtail.images import get_image_model

from cms.models import PrisonerIndexPage, PrisonerPage
from cms.services import site_setup
from solidarity.demo.godparents import godparents_generate
from solidarity.demo.matches import matches_generate
from solidarity.demo.prisoners import prisoners_generate
from solidarity.demo.randomness import Clock
from solidarity.demo.reference import reference_ensure
from solidarity.godparents.models import VerificationState
from solidarity.matching.models import Match, MatchStatus
from solidarity.prisoners.choices import DETAINED_STATUSES, Publicity
from solidarity.prisoners.models import Prisoner

ANCHOR = datetime.date(2026, 1, 15)  # fixed, like the benchmark: the same rows on every run
SEED = 1


@dataclass(frozen=True)
class ScaleSite:
    """What the tests need to find in the seeded data: the listing and two kinds of profile."""

    prisoners: int
    listing: PrisonerIndexPage
    basic: Prisoner  # a held Basic record with listed godparents and no editorial page
    full: Prisoner  # a held Full record with listed godparents
    full_page: PrisonerPage  # its editorial page, with a photo and a story


def scale_site_seed(*, prisoners: int) -> ScaleSite:
    """Seed `prisoners` records (a third as many godparents) and the public site around them."""
    clock = Clock(anchor=ANCHOR)
    reference = reference_ensure()
    plans = prisoners_generate(count=prisoners, seed=SEED, clock=clock, reference=reference)
    godparents = godparents_generate(
        count=max(12, prisoners // 3), seed=SEED, clock=clock, reference=reference
    )
    matches_generate(seed=SEED, clock=clock, prisoners=plans, godparents=godparents)
    home = site_setup()
    listing = PrisonerIndexPage.objects.child_of(home).get()
    basic = _held_with_listed_godparent(Publicity.BASIC)
    full = _held_with_listed_godparent(Publicity.FULL)
    full_page = listing.add_child(
        instance=PrisonerPage(
            title=full.name_latin,
            slug=f"prisoner-{full.pk}",
            prisoner=full,
            photo=_portrait(),
            story=[("paragraph", "<p>A fictional story for the query-count tests.</p>")],
        )
    )
    return ScaleSite(prisoners, listing, basic, full, full_page)


def _held_with_listed_godparent(publicity: str) -> Prisoner:
    """The first held record of this publicity whose profile lists at least one godparent."""
    listed = Match.objects.filter(
        prisoner=OuterRef("pk"),
        status=MatchStatus.ACTIVE,
        godparent__public_listing_consent=True,
        godparent__is_discreet=False,
        godparent__verification_state=VerificationState.VERIFIED,
    )
    return (
        Prisoner.objects.filter(
            Exists(listed),
            publicity=publicity,
            status__in=DETAINED_STATUSES,
            facility__isnull=False,
        )
        .order_by("external_id")
        .first()
    )


def _portrait():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 50), "#888").save(buffer, format="PNG")
    return get_image_model().objects.create(
        title="portrait", file=ImageFile(buffer, name="portrait.png")
    )
