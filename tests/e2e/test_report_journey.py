"""An organiser generates the public report for a period and a country, watches it being made,
opens the HTML, and downloads the PDF and the workbook, which say the same."""

import io
import re

import pytest
from allauth.account.models import EmailAddress
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from solidarity.accounts.roles import Role
from solidarity.common import jobs
from solidarity.reports.models import ReportRun, ReportStatus
from tests.e2e.conftest import E2E
from tests.e2e.test_matching_journey import _sign_in
from tests.factories import user_with_role
from tests.factories.accounts import totp_code
from tests.reports.reading import html_tables, sheet_rows, shown_as_stored
from tests.reports.world import report_world

pytestmark = E2E


@pytest.fixture
def organiser():
    report_world()
    user = user_with_role(Role.ORGANISER, email="organiser@solidarity.test")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def queued(monkeypatch):
    """The broker: tasks wait here until the test, as the worker, runs them."""
    tasks = []
    monkeypatch.setattr(jobs, "async_task", lambda *args, **kwargs: tasks.append(args))
    return tasks


def test_an_organiser_generates_the_public_report_of_a_country_and_downloads_it(
    live_server, page, organiser, queued
):
    _sign_in(page, f"{live_server.url}/admin/", organiser.email, totp_code())
    page.get_by_role("button", name="Congress reports").click()
    page.get_by_role("link", name="Report runs").click()
    page.get_by_role("link", name=re.compile("Add report")).click()
    page.get_by_label("Variant").select_option("public")
    page.get_by_label("Period start").fill("2026-07-01")
    page.get_by_label("Period end").fill("2026-09-30")
    page.get_by_label("Countries").select_option(label="Germany")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", name="Waiting to start")).to_be_visible()
    expect(page.locator("#report-progress")).to_have_attribute("value", "0")
    run = ReportRun.objects.get()
    assert run.scope == {"countries": ["DE"]}
    assert queued == [(jobs.RUN_TASK, run.job_id)]

    jobs.job_run(run.job_id)  # the worker; the page reloads itself
    expect(page.get_by_role("heading", name="Done")).to_be_visible(timeout=10_000)
    assert ReportRun.objects.get().status == ReportStatus.DONE

    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Open the report (HTML)").click()
    report = opened.value
    expect(report.get_by_role("heading", name="Letters", exact=True)).to_be_visible()
    expect(report.locator("#scope")).to_have_text("Germany")
    expect(report.locator("svg[role=img]").first).to_be_visible()
    html = report.content()
    figures = {row[1]: row[2] for row in html_tables(html)["summary"][1]}

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Download the PDF").click()
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name=re.compile("Download the workbook")).click()

    pdf = PdfReader(pdf_download.value.path())
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    for label in ("Letters sent", "Verified actions", "Godparents signed up", "Held now"):
        assert re.search(rf"{label} {re.escape(figures[label])}\b", text), label
    assert "Germany" in text
    workbook = load_workbook(io.BytesIO(xlsx_download.value.path().read_bytes()))
    compared = 0
    for key, (sheet_name, rows) in html_tables(html).items():
        cells = [[shown_as_stored(cell, key) for cell in row] for row in rows]
        assert cells == sheet_rows(workbook[sheet_name]), sheet_name
        compared += 1
    assert compared > 8
