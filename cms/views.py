"""Public views outside the page tree: robots.txt."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Site

# Areas with nothing for a search engine: the admin, sign-in and account pages, the godparents'
# own pages, the language switch and unsubscribe links (one per email, with a token).
PRIVATE_PREFIXES = ("/admin/", "/i18n/")
PRIVATE_LOCALISED_PREFIXES = ("accounts/", "me/", "email/")


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Allow the public site, keep crawlers out of private areas, and name the sitemap with the
    site's canonical address (the Wagtail site's, as the sitemap's own URLs are)."""
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site else settings.SITE_URL
    disallowed = [*PRIVATE_PREFIXES]
    disallowed += [
        f"/{code}/{prefix}"
        for code, _name in settings.LANGUAGES
        for prefix in PRIVATE_LOCALISED_PREFIXES
    ]
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {path}" for path in disallowed)]
    lines += ["", f"Sitemap: {root}{reverse('sitemap')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
