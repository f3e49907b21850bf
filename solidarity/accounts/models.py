"""The platform's user: one account per person, identified by email."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .roles import Role


class User(AbstractUser):
    """A person who signs in: godparent, godparent's staff, defender, organiser or admin.

    Email is the login (allauth); the username is generated and never shown.
    """

    email = models.EmailField(_("email address"))
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        blank=True,
        help_text=_("Language for emails; the site language at sign-up when empty."),
    )

    # The user's roles, cached on the request's user object by `permissions.user_roles`.
    _solidarity_roles: frozenset[Role]

    class Meta(AbstractUser.Meta):  # type: ignore[name-defined]  # django-stubs omit this Meta
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email or self.username
