"""Parliamentarians who take prisoners as symbolic godparents, and the assemblies they sit in."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from solidarity.common.models import TimeStampedModel, dates_in_order
from solidarity.prisoners.choices import Gender
from solidarity.prisoners.models import Background


class ParliamentKind(models.TextChoices):
    NATIONAL = "national", _("National parliament or chamber")
    REGIONAL = "regional", _("Regional parliament")
    INTERNATIONAL = "international", _("International assembly")


class Parliament(models.Model):
    """A national chamber (Bundestag, Seimas...) or an international assembly (PACE, EP...)."""

    kind = models.CharField(_("kind"), max_length=16, choices=ParliamentKind.choices)
    country = CountryField(
        _("country"), blank=True, help_text=_("Empty for international assemblies.")
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    chamber = models.CharField(_("chamber"), max_length=100, blank=True)
    # The register of the Alliance's work in this parliament (the Paris Memorandum asks each
    # national parliament for a group "For a Democratic Belarus" and a memorandum of cooperation
    # with the democratic forces). All public except the contact, which only organisers read.
    group_name = models.CharField(
        _("group “For a Democratic Belarus”"),
        max_length=200,
        blank=True,
        help_text=_("The group's name as the parliament writes it; empty if there is none."),
    )
    group_since = models.DateField(_("group exists since"), null=True, blank=True)
    group_chair = models.CharField(_("chair of the group"), max_length=200, blank=True)
    group_contact = models.EmailField(
        _("group contact"), blank=True, help_text=_("Never shown publicly.")
    )
    memorandum_signed_on = models.DateField(
        _("memorandum of cooperation signed on"), null=True, blank=True
    )
    memorandum_url = models.URLField(_("memorandum's text"), blank=True)

    class Meta:
        verbose_name = _("parliament")
        verbose_name_plural = _("parliaments")
        ordering = ["country", "name", "chamber"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name", "chamber"], name="parliament_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind="international") | ~Q(country=""),
                name="parliament_national_has_country",
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.name} — {self.chamber}" if self.chamber else self.name
        return f"{label} ({self.country.code})" if self.country else label

    @property
    def has_group(self) -> bool:
        return bool(self.group_name)

    @property
    def has_memorandum(self) -> bool:
        return self.memorandum_signed_on is not None

    def clean(self) -> None:
        # A chair, a date or a contact of a group nobody named is a typo in the wrong row.
        if not self.group_name and (self.group_since or self.group_chair or self.group_contact):
            raise ValidationError(
                {"group_name": _("Name the group before giving its date, chair or contact.")}
            )
        if self.memorandum_url and not self.memorandum_signed_on:
            raise ValidationError(
                {"memorandum_signed_on": _("Give the date the memorandum was signed on.")}
            )


class VerificationState(models.TextChoices):
    UNVERIFIED = "unverified", _("Waiting for verification")
    INFO_REQUESTED = "info_requested", _("More information requested")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    LEFT_OFFICE = "left_office", _("Left office")


AWAITING_VERIFICATION = (VerificationState.UNVERIFIED, VerificationState.INFO_REQUESTED)
DISCREET_AND_LISTED = _("A discreet godparent is never listed: choose one of the two.")


class GodparentProfile(TimeStampedModel):
    """A parliamentarian's godparent profile: mandate, capacity, preferences and consent."""

    # Domain relations, not content: kept out of Wagtail's reference index (docs/architecture.md).
    wagtail_reference_index_ignore = True

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="godparent_profile",
        verbose_name=_("user"),
        help_text=_("Empty once the godparent deleted their account (the profile is anonymised)."),
    )
    full_name = models.CharField(
        _("full name"), max_length=200, help_text=_("As on official pages.")
    )
    parliament = models.ForeignKey(
        Parliament,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="godparents",
        verbose_name=_("parliament"),
    )
    parliament_other = models.CharField(
        _("other parliament"),
        max_length=200,
        blank=True,
        help_text=_("Free text when the parliament is not in the list; an organiser maps it."),
    )
    party = models.CharField(_("party"), max_length=200, blank=True)
    political_group = models.CharField(
        _("political group"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the group in PACE or the EP."),
    )
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("E.g. Member of Parliament.")
    )
    mandate_evidence_url = models.URLField(
        _("mandate evidence"), blank=True, help_text=_("Official page that proves the mandate.")
    )
    official_email = models.EmailField(_("official email"), blank=True)
    mandate_ends_on = models.DateField(_("mandate ends on"), null=True, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), default=1, help_text=_("How many prisoners this godparent can support.")
    )
    preferred_backgrounds = models.ManyToManyField(
        Background, blank=True, related_name="+", verbose_name=_("preferred backgrounds")
    )
    preferred_regions = models.JSONField(_("preferred regions"), default=list, blank=True)
    preferred_gender = models.CharField(
        _("preferred gender"), max_length=10, choices=Gender.choices, blank=True
    )
    public_listing_consent = models.BooleanField(
        _("may be listed publicly"),
        default=False,
        help_text=_("Shown on the public godparents page."),
    )
    is_discreet = models.BooleanField(
        _("discreet"),
        default=False,
        help_text=_("Never shown publicly; may be matched with prisoners whose publicity is None."),
    )
    verification_state = models.CharField(
        _("verification"),
        max_length=16,
        choices=VerificationState.choices,
        default=VerificationState.UNVERIFIED,
    )
    verification_note = models.TextField(_("verification note"), blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    left_office_on = models.DateField(_("left office on"), null=True, blank=True)
    deleted_at = models.DateTimeField(
        _("account deleted at"),
        null=True,
        blank=True,
        help_text=_("Personal data erased; only anonymised activity counts remain."),
    )

    class Meta:
        verbose_name = _("godparent")
        verbose_name_plural = _("godparents")
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="godparent_capacity_positive"
            ),
            models.CheckConstraint(
                condition=~Q(is_discreet=True, public_listing_consent=True),
                name="godparent_discreet_not_listed",
            ),
            models.CheckConstraint(
                condition=~Q(verification_state="verified", verified_at__isnull=True),
                name="godparent_verified_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["verification_state"], name="godparent_verification_idx"),
            models.Index(
                fields=["public_listing_consent", "is_discreet"], name="godparent_listing_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        # The database constraint stays the guarantee, but its message names the constraint and
        # sits on top of the form; this one sits next to the checkbox (a field with an error
        # skips the constraint check, so it is not said twice).
        if self.is_discreet and self.public_listing_consent:
            raise ValidationError({"is_discreet": DISCREET_AND_LISTED})

    @property
    def is_verified(self) -> bool:
        return self.verification_state == VerificationState.VERIFIED

    @property
    def is_awaiting_verification(self) -> bool:
        return self.verification_state in AWAITING_VERIFICATION

    @property
    def is_info_requested(self) -> bool:
        """An organiser asked for more; the godparent's next save sends the profile back."""
        return self.verification_state == VerificationState.INFO_REQUESTED

    @property
    def is_rejected(self) -> bool:
        return self.verification_state == VerificationState.REJECTED

    @property
    def has_left_office(self) -> bool:
        return self.verification_state == VerificationState.LEFT_OFFICE

    @property
    def parliament_label(self) -> str:
        return str(self.parliament) if self.parliament_id else self.parliament_other

    @property
    def language(self) -> str:
        """The language of the godparent's emails."""
        user = self.user
        return (user.preferred_language if user else "") or settings.LANGUAGE_CODE


class GodparentStaff(TimeStampedModel):
    """An assistant who may log letters and actions on a godparent's behalf."""

    # Domain relations, not content: kept out of Wagtail's reference index (docs/architecture.md).
    wagtail_reference_index_ignore = True

    godparent = models.ForeignKey(
        GodparentProfile,
        on_delete=models.CASCADE,
        related_name="staff",
        verbose_name=_("godparent"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="godparent_staff_roles",
        verbose_name=_("user"),
        help_text=_("Set when the invitation is accepted."),
    )
    invited_email = models.EmailField(_("invited email"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("godparent staff member")
        verbose_name_plural = _("godparent staff members")
        constraints = [
            models.UniqueConstraint(
                fields=["godparent", "invited_email"],
                condition=Q(revoked_at__isnull=True),
                name="godparentstaff_one_open_invitation",
            ),
            dates_in_order(
                later="revoked_at",
                earlier="accepted_at",
                name="godparentstaff_revoked_after_acceptance",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invited_email} → {self.godparent}"

    @property
    def is_active(self) -> bool:
        return self.accepted_at is not None and self.revoked_at is None
