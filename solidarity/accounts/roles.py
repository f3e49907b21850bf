"""The roles of the README's "Roles" table as Django groups, and the model permissions each holds.

The data migrations and the `roles_sync` service read ROLE_PERMISSIONS, so the groups on a database
match this table. Changing the table needs a migration that calls `roles_sync` again (see 0003).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    GODPARENT = "godparent", _("Godparent")
    DEFENDER = "defender", _("Defender")
    ORGANISER = "organiser", _("Organiser")
    ADMIN = "admin", _("Administrator")


GROUP_NAMES = {
    Role.GODPARENT: "Godparents",
    Role.DEFENDER: "Defenders",
    Role.ORGANISER: "Organisers",
    Role.ADMIN: "Administrators",
}

STAFF_ROLES = (Role.DEFENDER, Role.ORGANISER, Role.ADMIN)

_ALL = ("add", "change", "delete", "view")
_VIEW = ("view",)

# (app_label, model) -> actions, per role. Godparents hold no model permission: they never
# enter the admin and reach their own data through the public site's account pages.
_DEFENDER = {
    ("prisoners", "prisoner"): _ALL,
    ("prisoners", "prisonerconfidential"): _ALL,
    ("prisoners", "whereabouts"): _ALL,
    # A released person's needs in exile (documents, residence...): defenders often learn them
    # first; the needs name no godparent.
    ("matching", "exileneed"): _ALL,
    ("prisoners", "statuschange"): ("add", "view"),
    ("prisoners", "facility"): _ALL,
    ("prisoners", "criminalarticle"): _ALL,
    ("prisoners", "background"): _ALL,
    # Defenders keep prisoner records; who supports whom (discreet godparents included), letters
    # and actions are organisers' business (README, "Roles").
    ("godparents", "parliament"): _VIEW,
    ("wagtailimages", "image"): ("add", "change", "choose"),
    ("wagtaildocs", "document"): ("add", "change", "choose"),
    ("wagtailadmin", "admin"): ("access",),
    # What the letter composer offers and flags, and the advocacy templates (docs/letters.md).
    ("writing", "phrase"): _ALL,
    ("writing", "censorreason"): _ALL,
    ("writing", "censorterm"): _ALL,
    ("writing", "advocacytemplate"): _ALL,
    # "Translate" and "Sync translated pages" (wagtail-localize); publishing stays with review.
    ("wagtail_localize", "translation"): ("submit",),
}
_ORGANISER = {
    **_DEFENDER,
    ("godparents", "parliament"): _ALL,
    ("godparents", "godparentprofile"): _ALL,
    ("godparents", "godparentstaff"): _ALL,
    ("matching", "match"): _ALL,
    ("matching", "matchingrun"): _ALL,
    ("activity", "letter"): ("change", "view"),
    ("activity", "advocacyaction"): _ALL,
    ("reports", "reportrun"): _ALL,
    ("congress", "congress"): _ALL,
    ("congress", "invitation"): _ALL,
    ("congress", "registration"): _ALL,
    ("congress", "pledge"): _ALL,
    ("congress", "declaration"): _ALL,
    ("congress", "signature"): _ALL,
    ("wagtaildocs", "document"): ("add", "change", "delete", "choose"),
    ("wagtailimages", "image"): ("add", "change", "delete", "choose"),
}

ROLE_PERMISSIONS: dict[str, dict[tuple[str, str], tuple[str, ...]]] = {
    Role.GODPARENT: {},
    Role.DEFENDER: _DEFENDER,
    Role.ORGANISER: _ORGANISER,
    Role.ADMIN: {},  # administrators are superusers; the group marks the role
}
