"""Enumerations of the prisoner domain (docs/domain.md)."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The languages the defenders publish their list in, and the facts each version writes in its own
# language (stored once per language: `judge_en`, `judge_ru`, `judge_be`...).
LANGUAGES = ("en", "ru", "be")
PER_LANGUAGE_FACTS = (
    "sentence_text",
    "charges_text",
    "judge",
    "prosecutor",
    "source_url",
    "recognition_statement_url",
)


class Status(models.TextChoices):
    PRE_TRIAL = "pre_trial", _("Pre-trial detention")
    CONVICTED = "convicted", _("Convicted, serving sentence")
    RESTRICTED_FREEDOM = "restricted_freedom", _("Restricted freedom / home confinement")
    AWAITING_SENTENCE = "awaiting_sentence", _("At liberty before serving the sentence")
    IN_TRANSIT = "in_transit", _("In transit between facilities")
    INCOMMUNICADO = "incommunicado", _("Incommunicado")
    RELEASED_SERVED = "released_served", _("Released: sentence served")
    RELEASED_PARDONED = "released_pardoned", _("Released: pardoned")
    RELEASED_AMNESTIED = "released_amnestied", _("Released: amnestied")
    RELEASED_EXCHANGED = "released_exchanged", _("Released: exchanged")
    DEPORTED = "deported", _("Released and forcibly deported")
    DIED_IN_CUSTODY = "died_in_custody", _("Died in custody")
    NO_LONGER_RECOGNISED = "no_longer_recognised", _("No longer recognised")


DETAINED_STATUSES = frozenset(
    {
        Status.PRE_TRIAL,
        Status.CONVICTED,
        Status.RESTRICTED_FREEDOM,
        Status.AWAITING_SENTENCE,
        Status.IN_TRANSIT,
        Status.INCOMMUNICADO,
    }
)
RELEASED_STATUSES = frozenset(
    {
        Status.RELEASED_SERVED,
        Status.RELEASED_PARDONED,
        Status.RELEASED_AMNESTIED,
        Status.RELEASED_EXCHANGED,
        Status.DEPORTED,
    }
)


# Where a letter reaches the prisoner. Not in transit (letters are held back until the new address
# is known), not incommunicado (nothing is delivered), not at liberty awaiting the sentence (no
# facility): the dashboard, the profile and the reminders all ask `Prisoner.letters_deliverable`.
LETTER_STATUSES = frozenset({Status.PRE_TRIAL, Status.CONVICTED, Status.RESTRICTED_FREEDOM})
# Keyed by Status, looked up with a record's status (a plain string).
LETTERS_HELD_BACK: dict[str, Promise] = {
    Status.INCOMMUNICADO: _(
        "This person is held incommunicado: letters are currently not delivered."
    ),
    Status.IN_TRANSIT: _(
        "This person is being moved between facilities: letters may be held back until the new "
        "address is known."
    ),
}


class Publicity(models.TextChoices):
    """What the family agreed may be published (docs/publicity.md)."""

    FULL = "full", _("Full: profile, photo and story")
    BASIC = "basic", _("Basic: name, status, sentence and address only")
    NONE = "none", _("None: never public")


PUBLIC_PUBLICITY = (Publicity.FULL, Publicity.BASIC)


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other / not stated")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact date")
    MONTH = "month", _("Month and year")
    YEAR = "year", _("Year only")


class Region(models.TextChoices):
    BREST = "brest", _("Brest region")
    VITEBSK = "vitebsk", _("Vitebsk region")
    GOMEL = "gomel", _("Gomel region")
    GRODNO = "grodno", _("Grodno region")
    MINSK_REGION = "minsk_region", _("Minsk region")
    MINSK_CITY = "minsk", _("Minsk city")
    MOGILEV = "mogilev", _("Mogilev region")
    ABROAD = "abroad", _("Abroad")


class PenaltyType(models.TextChoices):
    COLONY_GENERAL = "colony_general", _("Colony, general regime")
    COLONY_REINFORCED = "colony_reinforced", _("Colony, reinforced regime")
    COLONY_STRICT = "colony_strict", _("Colony, strict regime")
    COLONY_SPECIAL = "colony_special", _("Colony, special regime")
    PRISON = "prison", _("Prison")
    OPEN_FACILITY = "open_facility", _("Restricted freedom in an open facility (khimiya)")
    RESTRICTED_AT_HOME = "restricted_home", _("Restricted freedom at home")
    HOME_CONFINEMENT = "home_confinement", _("Home confinement")
    FINE = "fine", _("Fine")
    OTHER = "other", _("Other")


class FacilityKind(models.TextChoices):
    PRE_TRIAL = "sizo", _("Pre-trial detention centre (SIZO)")
    COLONY = "colony", _("Penal colony")
    PRISON = "prison", _("Prison")
    OPEN_FACILITY = "open_facility", _("Open-type correctional facility")
    TEMPORARY = "temporary", _("Temporary detention centre")
    OTHER = "other", _("Other")


class Situation(models.TextChoices):
    """Where a released person is now (issue 18): restricted, never a public fact."""

    IN_BELARUS = "in_belarus", _("Released, in Belarus")
    DEPORTED = "deported", _("Forcibly deported")
    LEFT = "left", _("Left Belarus")
    UNKNOWN = "unknown", _("Whereabouts unknown")


# Situations abroad: the country is known, and a parliamentarian there can help.
ABROAD_SITUATIONS = frozenset({Situation.DEPORTED, Situation.LEFT})


class ContactConsent(models.TextChoices):
    """The person's own answer about further contact after release, as defenders recorded it."""

    NOT_ASKED = "not_asked", _("Not asked yet")
    CONTACT = "contact", _("Agrees to further contact")
    SUPPORT = "support", _("Agrees to contact and asks for support")
    REFUSED = "refused", _("Refuses further contact")
