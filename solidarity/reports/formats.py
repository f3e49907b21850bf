"""The report's files, all from one `report_document`: HTML, PDF (WeasyPrint), XLSX and a CSV zip.

Every format renders the same document, so a figure is the same in the HTML, the PDF and the
workbook. Text cells that a spreadsheet would read as a formula are escaped (docs/architecture.md):
a godparent's name or an action's title is typed by people, and "=HYPERLINK(...)" is a name too.
Call these in the report's language (`translation.override`).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .models import ReportVariant

if TYPE_CHECKING:
    # The builder and the document are imported where a report is made (`report_files` and the
    # worker, reports/services.py), not at start-up: the admin imports this module.
    from .builder import Report
    from .document import Section

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
INTERNAL_WARNING = _lazy(
    "Internal: names every godparent and every prisoner, including those who asked for "
    "discretion. Do not publish or forward."
)
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def safe_cell(value):
    """Numbers and dates keep their type; text that starts like a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def report_about(report: Report, *, generated_at: datetime.datetime) -> list[tuple[str, str]]:
    """The cover's facts for the tabular formats, whose sheets travel without the cover."""
    from .document import scope_labels

    period, previous = report.period, report.period.previous
    rows = [
        (_("Report"), _("Congress of symbolic godparents: programme report")),
        (_("Period"), f"{period.start} – {period.end}"),
        (_("Compared with"), f"{previous.start} – {previous.end}"),
        (_("Scope"), ", ".join(scope_labels(report.scope)) or _("The whole programme")),
        (_("Variant"), _("Public") if report.variant == ReportVariant.PUBLIC else _("Internal")),
        (_("Generated"), timezone.localtime(generated_at).strftime("%Y-%m-%d %H:%M")),
    ]
    if report.variant != ReportVariant.PUBLIC:
        rows.append((_("Warning"), str(INTERNAL_WARNING)))
    return rows


def report_sheets(
    sections: list[Section], about: Sequence[tuple[str, str]] = ()
) -> list[tuple[str, str, list[str], list[tuple]]]:
    """(key, sheet name, headers, rows) for every table, after what the report is and a summary."""
    summary = [
        (section.title, figure.label, figure.value, figure.previous, figure.change)
        for section in sections
        for figure in section.figures
    ]
    headers = [_("Section"), _("Figure"), _("Value"), _("Previous period"), _("Change")]
    sheets: list[tuple[str, str, list[str], list[tuple]]] = (
        [("about", _("About this report"), [_("Item"), _("Value")], list(about))] if about else []
    )
    sheets.append(("summary", _("Summary"), headers, summary))
    for section in sections:
        sheets += [(t.key, t.sheet, t.headers, t.rows) for t in section.tables]
    return sheets


def report_xlsx(sections: list[Section], about: Sequence[tuple[str, str]] = ()) -> bytes:
    """One sheet per table, typed cells, a bold frozen header row."""
    # openpyxl takes a quarter of a second to import: only an export pays it (as in
    # common/tables.py), not every manage.py command and web worker start.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for _key, name, headers, rows in report_sheets(sections, about):
        sheet = workbook.create_sheet(_SHEET_FORBIDDEN.sub(" ", name)[:31])
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in rows:
            sheet.append([safe_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_csv_zip(sections: list[Section], about: Sequence[tuple[str, str]] = ()) -> bytes:
    """One UTF-8 CSV per table (with a byte-order mark, which spreadsheets need to read Cyrillic),
    named by the table's stable key."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        sheets = report_sheets(sections, about)
        for number, (key, _name, headers, rows) in enumerate(sheets, start=1):
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(headers)
            writer.writerows([safe_cell(value) for value in row] for row in rows)
            archive.writestr(f"{number:02d}-{key}.csv", "\ufeff" + text.getvalue())
    return buffer.getvalue()


def report_html(report: Report, sections: list[Section], *, generated_at: datetime.datetime) -> str:
    """A standalone page (its CSS inline) that prints, and that WeasyPrint turns into the PDF."""
    from .document import scope_labels

    return render_to_string(
        "reports/report.html",
        {
            "report": report,
            "sections": sections,
            "scope": scope_labels(report.scope),
            "public": report.variant == ReportVariant.PUBLIC,
            "generated_at": generated_at,
            "internal_warning": INTERNAL_WARNING,
        },
    )


def report_pdf(html: str) -> bytes:
    """A4, page numbers and the table of contents' page numbers come from the page's print CSS."""
    from weasyprint import HTML  # imported here: it loads pango, which only this needs

    return HTML(string=html).write_pdf()


def report_files(report: Report, *, generated_at: datetime.datetime) -> dict[str, bytes]:
    """Every format of one report; a convenience for tests and the shell."""
    from .document import report_document

    sections = report_document(report)
    html = report_html(report, sections, generated_at=generated_at)
    about = report_about(report, generated_at=generated_at)
    return {
        "html": html.encode(),
        "pdf": report_pdf(html),
        "xlsx": report_xlsx(sections, about),
        "csv": report_csv_zip(sections, about),
    }
