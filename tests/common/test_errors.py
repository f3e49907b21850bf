import sys

import pytest
from django.test import RequestFactory
from django.views.debug import ExceptionReporter

# Built at run time: the report shows source lines, and only data must stay hidden.
CANARY = "-".join(["CANARY", "HEALTH", "error", "report"])


def test_error_reports_hide_form_data_and_local_variables(settings):
    request = RequestFactory().post("/admin/snippets/", {"health": CANARY, "title": "x"})
    health = CANARY  # a local variable in the failing frame  # noqa: F841
    try:
        raise ValueError("boom")
    except ValueError:
        exc_info = sys.exc_info()
    report = ExceptionReporter(request, *exc_info)

    text = report.get_traceback_text()
    html = report.get_traceback_html()

    assert CANARY not in text
    assert CANARY not in html
    assert "boom" in text


@pytest.mark.django_db
def test_health_checks_over_plain_http_are_not_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/en/").status_code == 301
