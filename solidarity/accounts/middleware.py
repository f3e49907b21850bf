"""The admin's door: staff only, and staff with a second factor (defenders, organisers, admins)."""

from allauth.account.authentication import get_authentication_records
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from .permissions import staff_mfa_missing

ADMIN_PREFIX = "/admin/"
SETUP_MESSAGE = _(
    "Staff accounts need two-factor authentication. Set up an authenticator app to use the admin."
)
VERIFY_MESSAGE = _("Confirm it is you with your authenticator app to use the admin.")


class StaffMFAMiddleware:
    """Sends staff without a second factor, or whose session did not use it, to allauth's MFA.

    Checked on every admin request rather than at login, so that no way into a session (a
    password reset, a future login method) skips it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The admin is mounted outside the language prefixes (solidarity/urls.py).
        if request.path_info.startswith(ADMIN_PREFIX) and request.user.is_authenticated:
            if not request.user.has_perm("wagtailadmin.access_admin"):
                # Wagtail would send a signed-in godparent to the login page, which sends them
                # back here (?next=/admin/): a redirect loop. Say plainly whose area this is.
                return render(request, "account/staff_only.html", status=403)
            records = get_authentication_records(request, request.user)
            missing = staff_mfa_missing(request.user, records)
            if missing == "setup":
                messages.warning(request, SETUP_MESSAGE)
                return redirect("mfa_activate_totp")
            if missing == "verify":
                messages.info(request, VERIFY_MESSAGE)
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
        return self.get_response(request)
