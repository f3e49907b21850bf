"""The Congress in the demo (issue 19): groups "For a Democratic Belarus" and memoranda on the
parliaments with the most godparents, and a Congress held three weeks before the anchor with its
invitations, registrations, check-ins, pledges and a signed declaration.

Shaped on what organisers expect: most verified godparents invited, about four in ten register,
most in person and checked in at the door, a quarter of the godparents who came pledge one to
three prisoners. Everything is marked " (demo)" so that `demo_reset` removes it and nothing else.
"""

import datetime
import random
from collections import Counter

from django.db import transaction

from solidarity.congress.models import (
    Attendance,
    Congress,
    Declaration,
    Invitation,
    InvitationKind,
    Pledge,
    Registration,
    Signature,
)
from solidarity.godparents.models import GodparentProfile, Parliament, VerificationState

from .godparents import DEMO_EMAIL_DOMAIN, GodparentPlan
from .randomness import Clock, moment, phase_rng
from .tables import DEMO_SUFFIX

BATCH = 2000
GROUPS = 12  # parliaments with a group: those with the most godparents
LANGUAGES = ["be", "en", "ru", "lt", "pl", "de"]
GUESTS = 25
DECLARATION = (
    "We, parliamentarians of democratic countries and symbolic godparents of Belarusian "
    "political prisoners, call for the release of every political prisoner without forced "
    "deportation, and for their right to return home."
)
DECLARATION_BE = (
    "Мы, парламентарыі дэмакратычных краін і сімвалічныя хросныя беларускіх палітвязняў, "
    "заклікаем вызваліць усіх палітвязняў без прымусовай дэпартацыі і з правам вярнуцца дадому."
)
DECLARATION_RU = (
    "Мы, парламентарии демократических стран и символические крёстные белорусских "
    "политзаключённых, призываем освободить всех политзаключённых без принудительной "
    "депортации и с правом вернуться домой."
)


@transaction.atomic
def congress_generate(
    *, seed: int, clock: Clock, godparents: list[GodparentPlan]
) -> dict[str, int]:
    rng = phase_rng(seed=seed, phase="congress")
    countries = {pk: str(code) for pk, code in Parliament.objects.values_list("pk", "country")}
    groups = _groups(rng, clock, godparents, countries)
    congress = Congress.objects.create(
        title=f"Congress of Symbolic Godparents{DEMO_SUFFIX}",
        starts_on=clock.anchor - datetime.timedelta(days=21),
        ends_on=clock.anchor - datetime.timedelta(days=20),
        place="Vilnius, Seimas",
        languages=LANGUAGES,
        registration_open=False,
        pledges_open=False,
    )
    verified = [g for g in godparents if g.state == VerificationState.VERIFIED and g.user_id]
    profiles = dict(
        GodparentProfile.objects.filter(pk__in=[g.pk for g in verified]).values_list(
            "pk", "user__email"
        )
    )
    invited_at = moment(rng, congress.starts_on - datetime.timedelta(days=45))
    invitations = [
        Invitation(
            congress=congress,
            email=profiles[g.pk],
            kind=InvitationKind.GODPARENT,
            godparent_id=g.pk,
            parliament_id=g.parliament_id,
            created_at=invited_at,
            updated_at=invited_at,
        )
        for g in verified
        if profiles.get(g.pk)
    ] + [
        Invitation(
            congress=congress,
            email=f"guest-{n}@{DEMO_EMAIL_DOMAIN}",
            name=f"Guest {n}{DEMO_SUFFIX}",
            kind=InvitationKind.GUEST,
            created_at=invited_at,
            updated_at=invited_at,
        )
        for n in range(GUESTS)
    ]
    Invitation.objects.bulk_create(invitations, batch_size=BATCH)
    plans = {g.pk: g for g in verified}
    names = dict(GodparentProfile.objects.filter(pk__in=list(plans)).values_list("pk", "full_name"))
    registrations = [
        _registration(
            rng, congress, invitation, plans.get(invitation.godparent_id or 0), names, countries
        )
        for invitation in invitations
        if rng.random() < 0.4
    ]
    Registration.objects.bulk_create(registrations, batch_size=BATCH)
    pledges = [
        Pledge(registration=registration, prisoners=rng.choice((1, 1, 2, 3)))
        for registration in registrations
        if registration.godparent_id and rng.random() < 0.25
    ]
    Pledge.objects.bulk_create(pledges, batch_size=BATCH)
    declaration = Declaration.objects.create(
        congress=congress,
        title=f"Vilnius Declaration{DEMO_SUFFIX}",
        text=DECLARATION,
        text_be=DECLARATION_BE,
        text_ru=DECLARATION_RU,
    )
    signatures = [
        Signature(declaration=declaration, registration=registration)
        for registration in registrations
        if rng.random() < 0.7
    ]
    Signature.objects.bulk_create(signatures, batch_size=BATCH)
    return {
        "groups": groups,
        "invitations": len(invitations),
        "registrations": len(registrations),
        "pledges": len(pledges),
        "signatures": len(signatures),
    }


def _registration(
    rng: random.Random,
    congress: Congress,
    invitation: Invitation,
    plan: GodparentPlan | None,
    names: dict[int, str],
    countries: dict[int, str],
) -> Registration:
    in_person = rng.random() < 0.8
    at = moment(rng, congress.starts_on - datetime.timedelta(days=rng.randint(3, 40)))
    country = countries.get(plan.parliament_id, "") if plan and plan.parliament_id else ""
    return Registration(
        congress=congress,
        invitation=invitation,
        godparent_id=invitation.godparent_id,
        full_name=names.get(invitation.godparent_id or 0) or invitation.name,
        email=invitation.email,
        country=country,
        parliament_id=invitation.parliament_id,
        organisation="" if invitation.parliament_id else "Guest of the Alliance",
        attendance=Attendance.IN_PERSON if in_person else Attendance.ONLINE,
        languages=rng.sample(LANGUAGES, k=rng.randint(0, 2)),
        listed=not (plan and plan.discreet) and rng.random() < 0.7,
        checked_in_at=moment(rng, congress.starts_on)
        if in_person and rng.random() < 0.85
        else None,
        created_at=at,
        updated_at=at,
    )


def _groups(
    rng: random.Random, clock: Clock, godparents: list[GodparentPlan], countries: dict[int, str]
) -> int:
    """Groups (and for half of them a memorandum) in the national parliaments with the most
    godparents."""
    most = Counter(
        g.parliament_id for g in godparents if g.parliament_id and countries.get(g.parliament_id)
    ).most_common(GROUPS)
    parliaments = list(Parliament.objects.filter(pk__in=[pk for pk, _n in most]))
    for index, parliament in enumerate(parliaments):
        parliament.group_name = f"For a Democratic Belarus{DEMO_SUFFIX}"
        parliament.group_since = clock.anchor.replace(year=clock.anchor.year - rng.randint(1, 5))
        parliament.group_chair = f"Chair of the group {index + 1}{DEMO_SUFFIX}"
        if index % 2 == 0:
            parliament.memorandum_signed_on = datetime.date(2025, 10, 14)
    Parliament.objects.bulk_update(
        parliaments, ["group_name", "group_since", "group_chair", "memorandum_signed_on"]
    )
    return len(parliaments)
