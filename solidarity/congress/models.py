"""The Congress of symbolic godparents: the event, its invitations, registrations and pledges.

The event's editorial content (agenda, practical information, in three languages) is a Wagtail
page in `cms` that points at a `Congress`; what people do (registering, checking in, pledging)
is here, in plain models, so that registrations, accessibility needs and emails never sit in a
page revision (docs/congress.md).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from solidarity.common.models import TimeStampedModel, dates_in_order
from solidarity.godparents.models import GodparentProfile, Parliament


class Congress(TimeStampedModel):
    """One Congress: when and where, and whether registration and pledges are open."""

    wagtail_reference_index_ignore = True

    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=200, help_text=_("City and venue."))
    online = models.BooleanField(
        _("online participation"), default=True, help_text=_("Participants may join online.")
    )
    languages = models.JSONField(
        _("languages of interpretation"),
        default=list,
        blank=True,
        help_text=_("Language codes, e.g. be, en, ru, lt, pl, de, fr."),
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    pledges_open = models.BooleanField(
        _("pledges open"),
        default=False,
        help_text=_("Open during the Congress: participants pledge to take prisoners."),
    )

    class Meta:
        verbose_name = _("congress")
        verbose_name_plural = _("congresses")
        ordering = ["-starts_on"]
        constraints = [dates_in_order(later="ends_on", earlier="starts_on", name="congress_dates")]

    def __str__(self) -> str:
        return self.title


class InvitationKind(models.TextChoices):
    GODPARENT = "godparent", _("Godparent")
    PARLIAMENT = "parliament", _("Member of an invited parliament")
    GUEST = "guest", _("Guest")


class Invitation(TimeStampedModel):
    """An invitation to one address: a signed link to the registration form."""

    wagtail_reference_index_ignore = True

    congress = models.ForeignKey(
        Congress, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("congress")
    )
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=InvitationKind.choices)
    godparent = models.ForeignKey(
        GodparentProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="congress_invitations",
        verbose_name=_("godparent"),
    )
    parliament = models.ForeignKey(
        Parliament,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("parliament"),
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["congress", "email"]
        constraints = [
            models.UniqueConstraint(
                "congress", Lower("email"), name="congress_invitation_one_per_address"
            )
        ]

    def __str__(self) -> str:
        return self.name or self.email


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(TimeStampedModel):
    """Someone who will attend, in person or online. Accessibility needs are for organisers
    only: never on the participant list, the badges' export or a public page."""

    wagtail_reference_index_ignore = True

    congress = models.ForeignKey(
        Congress,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("congress"),
    )
    invitation = models.OneToOneField(
        Invitation,
        on_delete=models.CASCADE,
        related_name="registration",
        verbose_name=_("invitation"),
    )
    godparent = models.ForeignKey(
        GodparentProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="congress_registrations",
        verbose_name=_("godparent"),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email"))
    country = CountryField(_("country"), blank=True)
    parliament = models.ForeignKey(
        Parliament,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("parliament"),
    )
    organisation = models.CharField(
        _("parliament or organisation"),
        max_length=200,
        blank=True,
        help_text=_("When it is not in the list."),
    )
    attendance = models.CharField(
        _("attendance"), max_length=16, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    delegation = models.CharField(
        _("delegation"),
        max_length=300,
        blank=True,
        help_text=_("Who comes with you (staff, colleagues), if anyone."),
    )
    languages = models.JSONField(_("languages of interpretation"), default=list, blank=True)
    accessibility_needs = models.TextField(
        _("accessibility needs"),
        blank=True,
        help_text=_("Only the organisers read this."),
    )
    listed = models.BooleanField(
        _("may be listed as a participant"),
        default=False,
        help_text=_("Your name and parliament on the public list of participants."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["congress", "full_name"]
        indexes = [models.Index(fields=["congress", "status"], name="congress_reg_status_idx")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_cancelled(self) -> bool:
        return self.status == RegistrationStatus.CANCELLED

    @property
    def in_person(self) -> bool:
        return self.attendance == Attendance.IN_PERSON

    @property
    def checked_in(self) -> bool:
        return self.checked_in_at is not None

    @property
    def parliament_label(self) -> str:
        return str(self.parliament) if self.parliament_id else self.organisation


class Pledge(TimeStampedModel):
    """A participant's pledge, made in the hall, to take `prisoners` more prisoners. A pledge
    raises nothing by itself: the Congress's matching run offers the prisoners."""

    wagtail_reference_index_ignore = True

    registration = models.OneToOneField(
        Registration,
        on_delete=models.CASCADE,
        related_name="pledge",
        verbose_name=_("registration"),
    )
    prisoners = models.PositiveSmallIntegerField(_("prisoners"))

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            models.CheckConstraint(
                condition=Q(prisoners__gte=1) & Q(prisoners__lte=10), name="pledge_one_to_ten"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration} ({self.prisoners})"


class Declaration(TimeStampedModel):
    """The Congress's joint declaration: one text in three languages that participants sign
    online. The English text is the one signed; the others are its translations."""

    wagtail_reference_index_ignore = True

    congress = models.OneToOneField(
        Congress,
        on_delete=models.CASCADE,
        related_name="declaration",
        verbose_name=_("congress"),
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text (English)"))
    text_be = models.TextField(_("text (Belarusian)"), blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    signing_open = models.BooleanField(
        _("open for signatures"),
        default=False,
        help_text=_("Participants sign from their invitation's link while this is on."),
    )

    class Meta:
        verbose_name = _("joint declaration")
        verbose_name_plural = _("joint declarations")

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        """Shown on the Congress page and as a PDF once open for signatures (a draft is not),
        and still after signing closes."""
        return self.signing_open or self.signatures.exists()

    def text_in(self, language: str) -> str:
        """The text in `language` where it was translated, else the English one."""
        return {"be": self.text_be, "ru": self.text_ru}.get(language, "") or self.text


class Signature(models.Model):
    """A participant's signature under the declaration. Whether their name is shown follows
    their registration's consent to be listed, read when the list is shown."""

    declaration = models.ForeignKey(
        Declaration,
        on_delete=models.CASCADE,
        related_name="signatures",
        verbose_name=_("joint declaration"),
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="signatures",
        verbose_name=_("registration"),
    )
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "registration"], name="declaration_signed_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.registration)
