"""allauth hooks: emails through the outbox, the sign-up language, where users land."""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils import translation

from solidarity.accounts.permissions import is_staff_member
from solidarity.notifications.services import email_enqueue_rendered


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Render now, in the request's language, into the outbox: a worker talks to SMTP, and
        retries when it is down (sign-up confirmations and password resets are not lost).

        The context gets what allauth's own `send_mail` adds before rendering.
        """
        context = {
            "request": self.request,
            "email": email,
            "current_site": get_current_site(self.request),
            **context,
        }
        email_enqueue_rendered(
            message=self.render_mail(template_prefix, email, context),
            template=template_prefix,
            language=translation.get_language() or "",
        )

    def save_user(self, request, user, form, commit=True):
        user.preferred_language = translation.get_language() or ""
        return super().save_user(request, user, form, commit=commit)

    def get_signup_redirect_url(self, request):
        """After sign-up (and the email confirmation) comes the profile step, via "My prisoners"."""
        return reverse("portal:dashboard")

    def get_email_verification_redirect_url(self, email_address):
        return reverse("portal:dashboard")

    def get_login_redirect_url(self, request):
        """Staff go to the admin, everyone else to "My prisoners" (or the profile step)."""
        if is_staff_member(request.user):
            return reverse("wagtailadmin_home")
        return reverse("portal:dashboard")


def user_display(user) -> str:
    """How allauth names the account in messages: the address the person typed, not a username."""
    return user.get_full_name() or user.email
