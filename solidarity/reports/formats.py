"""The report's files from `report_build`'s data: the XLSX workbook so far (issue 7).

Every format renders the same data, so a figure is the same in the HTML, the PDF and the
workbook. Text cells that a spreadsheet would read as a formula are escaped (DESIGN.md §8): a
godparent's name or an action's title is typed by people, and "=HYPERLINK(...)" is a name too.
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from .builder import Report

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADLINES = {
    "godparents": ("total", "new", "verified"),
    "matches": ("made", "accepted", "declined", "ended"),
    "letters": ("sent", "returned", "replies"),
    "actions": ("verified",),
}


def safe_cell(value):
    """Numbers and dates keep their type; text that starts like a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def report_sheets(report: Report) -> dict[str, tuple[list[str], list[tuple]]]:
    """Sheet name -> (headers, rows): the tables every tabular format shares (XLSX, CSV)."""
    s = report.sections
    summary = [
        (section, name, figure["value"], figure["previous"], figure["change"])
        for section, names in HEADLINES.items()
        for name in names
        for figure in (s[section][name],)
    ]
    prisoners = s["prisoners"]
    summary += [
        ("prisoners", "held", prisoners["held"], None, None),
        ("prisoners", "with_godparent", prisoners["with_godparent"], None, None),
        ("prisoners", "without_godparent", prisoners["without_godparent"], None, None),
        ("outcomes", "released", s["outcomes"]["released"], None, None),
    ]
    return {
        "Summary": (["section", "figure", "value", "previous period", "change"], summary),
        "Godparents by country": (["country", "godparents"], s["godparents"]["by_country"]),
        "Godparents by parliament": (
            ["parliament", "godparents"],
            s["godparents"]["by_parliament"],
        ),
        "Godparents by group": (["political group", "godparents"], s["godparents"]["by_group"]),
        "Prisoners by region": (["region", "held"], prisoners["by_region"]),
        "Prisoners by article": (["article", "title", "held"], prisoners["by_article"]),
        "Without a godparent": (["name"], [(name,) for name in prisoners["unmatched_named"]]),
        "Letters by facility": (
            ["facility", "sent", "replies", "returned"],
            s["letters"]["by_facility"],
        ),
        "Letters by month": (["month", "sent"], s["letters"]["by_month"]),
        "Actions by kind": (["kind", "verified actions"], s["actions"]["by_kind"]),
        "Actions by country": (["country", "verified actions"], s["actions"]["by_country"]),
        "Actions by month": (["month", "verified actions"], s["actions"]["by_month"]),
        "Notable actions": (
            ["date", "kind", "title"],
            [(a["date"], a["kind"], a["title"]) for a in s["actions"]["notable"]],
        ),
        "Releases": (["how", "prisoners"], s["outcomes"]["by_status"]),
        "Godparents": (
            ["name", "parliament", "country", "prisoners", "not named", "letters", "actions"],
            [
                (
                    row["name"],
                    row["parliament"],
                    row["country"],
                    "; ".join(row["prisoners"]),
                    row["unnamed_prisoners"],
                    row["letters"],
                    row["actions"],
                )
                for row in s["listed"]
            ],
        ),
    }


def report_xlsx(report: Report) -> bytes:
    """One sheet per table, typed cells, a bold frozen header row."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, (headers, rows) in report_sheets(report).items():
        sheet = workbook.create_sheet(title[:31])
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in rows:
            sheet.append([safe_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
