"""Build and remove the demo data set: the service behind `manage.py seed_demo`.

Demo rows are recognisable: prisoners by the `demo-` external id, godparent users by the
`@demo.solidarity.invalid` email domain, facilities by "(demo)" in the Latin name. Reference rows
(articles, backgrounds, parliaments) are real and stay. Each phase runs in its own transaction,
nested in one for the whole build: a failure leaves no half-built data that the next run would
mistake for a finished one.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from wagtail.images import get_image_model
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms.models import AnnouncementPage, PrisonerPage
from solidarity.accounts.models import User
from solidarity.activity.models import AdvocacyAction, Letter
from solidarity.common.signals import records_written
from solidarity.congress.models import Congress
from solidarity.godparents.models import GodparentProfile, Parliament
from solidarity.matching.models import Match
from solidarity.prisoners.models import Facility, Prisoner
from solidarity.writing.models import PreparedLetter

from .accounts import DemoAccount, demo_accounts_ensure
from .activity import actions_generate, letters_generate
from .announcement import ANNOUNCEMENT_SLUG, demo_announcement_ensure
from .congress import congress_generate
from .exile import exile_generate
from .godparents import DEMO_EMAIL_DOMAIN, godparents_generate
from .matches import matches_generate
from .pages import demo_pages_ensure
from .portraits import COLLECTION_NAME
from .prisoners import DEMO_PREFIX, prisoners_generate
from .randomness import Clock
from .reference import reference_ensure
from .tables import DEMO_SUFFIX

DELETE_CHUNK = 5000


@dataclass(frozen=True)
class DemoSize:
    """How much to build; the defaults scale with the number of prisoners."""

    prisoners: int = 120
    godparents: int | None = None
    letters: int | None = None
    actions: int | None = None

    def resolved(self) -> "DemoSize":
        default_godparents = max(12, self.prisoners // 3)
        return DemoSize(
            prisoners=self.prisoners,
            godparents=default_godparents if self.godparents is None else self.godparents,
            letters=self.letters if self.letters is not None else self.prisoners * 3,
            actions=self.actions if self.actions is not None else self.prisoners // 2,
        )


@dataclass
class DemoResult:
    built: bool  # False when demo data already existed and was left alone
    counts: dict[str, int] = field(default_factory=dict)
    pages_created: int = 0
    accounts: list[DemoAccount] = field(default_factory=list)


def demo_exists() -> bool:
    return Prisoner.objects.filter(external_id__startswith=DEMO_PREFIX).exists()


def demo_seed(*, size: DemoSize, seed: int, anchor: datetime.date, pages: int) -> DemoResult:
    """Build the demo data unless it exists, then make sure pages and demo accounts exist.

    The same size, seed and anchor always give the same rows.
    """
    result = DemoResult(built=not demo_exists())
    if result.built:
        result.counts = _build(size=size.resolved(), seed=seed, clock=Clock(anchor=anchor))
        records_written.send(sender=None)
    result.pages_created = demo_pages_ensure(limit=pages)
    result.pages_created += demo_announcement_ensure(anchor=anchor)
    result.accounts = demo_accounts_ensure(anchor=anchor)
    return result


@transaction.atomic
def _build(*, size: DemoSize, seed: int, clock: Clock) -> dict[str, int]:
    # `DemoSize.resolved()` fills in every count.
    assert size.godparents is not None
    assert size.letters is not None
    assert size.actions is not None
    reference = reference_ensure()
    prisoners = prisoners_generate(
        count=size.prisoners, seed=seed, clock=clock, reference=reference
    )
    godparents = godparents_generate(
        count=size.godparents, seed=seed, clock=clock, reference=reference
    )
    engaged = matches_generate(seed=seed, clock=clock, prisoners=prisoners, godparents=godparents)
    after_release = exile_generate(seed=seed, clock=clock, prisoners=prisoners)
    congress = congress_generate(seed=seed, clock=clock, godparents=godparents)
    return {
        "prisoners": len(prisoners),
        "godparents": len(godparents),
        "matches": Match.objects.filter(prisoner__external_id__startswith=DEMO_PREFIX).count(),
        "letters": letters_generate(count=size.letters, seed=seed, clock=clock, matches=engaged),
        "actions": actions_generate(count=size.actions, seed=seed, clock=clock, matches=engaged),
        **after_release,
        **{f"congress_{key}": value for key, value in congress.items()},
    }


def demo_reset() -> dict[str, int]:
    """Delete the demo data (and only it): pages, activity, matches, prisoners, godparents.

    Pages and rows made through `save()` (the demo accounts' matches) go with Wagtail's reference
    index bookkeeping; the bulk rows never entered that index, so they are deleted without it,
    in chunks, which keeps a benchmark-size reset to minutes and bounded memory.
    """
    prisoners = Prisoner.objects.filter(external_id__startswith=DEMO_PREFIX)
    users = User.objects.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}")
    profiles = GodparentProfile.objects.filter(user__in=users)
    matches = Match.objects.filter(Q(prisoner__in=prisoners) | Q(godparent__in=profiles))
    with transaction.atomic():
        removed = {"pages": _delete(PrisonerPage.objects.filter(prisoner__in=prisoners))}
        # The demo Congress (with its invitations, registrations, pledges and signatures) and
        # the demo's groups on real parliaments, before the godparents they point at.
        removed["congresses"] = _delete(Congress.objects.filter(title__endswith=DEMO_SUFFIX))
        Parliament.objects.filter(group_name__endswith=DEMO_SUFFIX).update(
            group_name="", group_since=None, group_chair="", memorandum_signed_on=None
        )
        removed["pages"] += _delete(AnnouncementPage.objects.filter(slug=ANNOUNCEMENT_SLUG))
        removed["portraits"] = _delete(
            get_image_model().objects.filter(collection__name=COLLECTION_NAME)
        )
        # Letters printed from the composer point at prisoners (protected) and letters.
        removed["printed_letters"] = _delete(
            PreparedLetter.objects.filter(Q(prisoner__in=prisoners) | Q(godparent__in=profiles))
        )
        _delete(matches.exclude(godparent__in=profiles))  # the demo accounts' own matches
        with disable_reference_index_auto_update():
            removed["actions"] = _delete(_actions_of(prisoners=prisoners, profiles=profiles))
            removed["letters"] = _delete(
                Letter.objects.filter(Q(prisoner__in=prisoners) | Q(godparent__in=profiles))
            )
            removed["matches"] = _delete(matches)
            removed["prisoners"] = _delete(prisoners)
            removed["godparents"] = _delete(users)
        removed["facilities"] = _delete(
            Facility.objects.filter(name_latin__endswith=DEMO_SUFFIX, prisoners__isnull=True)
        )
        records_written.send(sender=None)
    return removed


def _actions_of(*, prisoners, profiles):
    by_prisoner = AdvocacyAction.prisoners.through.objects.filter(prisoner__in=prisoners)
    by_godparent = AdvocacyAction.godparents.through.objects.filter(godparentprofile__in=profiles)
    return AdvocacyAction.objects.filter(
        Q(pk__in=by_prisoner.values("advocacyaction_id"))
        | Q(pk__in=by_godparent.values("advocacyaction_id"))
    )


def _delete(queryset, *, chunk: int = DELETE_CHUNK) -> int:
    """Delete in chunks of primary keys; return how many rows of the queryset's model went."""
    model, total = queryset.model, 0
    while pks := list(queryset.order_by().values_list("pk", flat=True)[:chunk]):
        _count, per_model = model._default_manager.filter(pk__in=pks).delete()
        total += per_model.get(model._meta.label, 0)
    return total
