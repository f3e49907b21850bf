from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from .health import health_report


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: each dependency's state (common/health.py).

    200 while the site can serve, degraded or not; 503 only when the database is gone.
    """
    status, report = health_report()
    return JsonResponse(report, status=status)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """Render 500.html with no context at all, so no data of the failed request can leak into it."""
    return HttpResponse(loader.get_template("500.html").render(), status=500)
