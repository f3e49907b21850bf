"""Every file of a report renders the same document: the same numbers, and no hidden name."""

import csv
import datetime
import io
import re
import zipfile

import pytest
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from solidarity.activity.models import AdvocacyAction
from solidarity.godparents.models import GodparentProfile
from solidarity.prisoners.choices import Publicity
from solidarity.reports.builder import (
    NOTABLE_KINDS,
    NOTABLE_LIMIT,
    ActionFigures,
    GodparentFigures,
    Headline,
    LetterFigures,
    LetterResults,
    ListedGodparent,
    MatchFigures,
    NotableAction,
    OutcomeFigures,
    Period,
    PrisonerFigures,
    Report,
    ReportSections,
    Scope,
    report_build,
)
from solidarity.reports.charts import MAX_BARS, bar_chart
from solidarity.reports.document import report_document
from solidarity.reports.formats import (
    report_csv_zip,
    report_files,
    report_html,
    report_sheets,
    report_xlsx,
)

from .reading import cell_text, html_tables, sheet_rows, shown_as_stored
from .world import END, START

pytestmark = pytest.mark.django_db
GENERATED = datetime.datetime(2026, 10, 1, 9, 30, tzinfo=datetime.UTC)


def test_the_workbook_and_the_csv_hold_the_html_tables_typed_and_escaped(world):
    verified = next(g for g in world["godparents"] if g.verification_state == "verified")
    GodparentProfile.objects.filter(pk=verified.pk).update(
        full_name='=HYPERLINK("http://evil")', is_discreet=False, public_listing_consent=True
    )
    report = report_build(start=START, end=END, variant="internal")
    sections = report_document(report)
    page = report_html(report, sections, generated_at=GENERATED)
    workbook = load_workbook(io.BytesIO(report_xlsx(sections)))
    archive = zipfile.ZipFile(io.BytesIO(report_csv_zip(sections)))
    tables = html_tables(page)
    sheets = report_sheets(sections)
    shown = {table.key: table.shown_rows for section in sections for table in section.tables}

    assert len(workbook.sheetnames) == len(sheets) == len(archive.namelist()) > 10
    for number, (key, name, headers, rows) in enumerate(sheets, start=1):
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2"
        assert [c.value for c in sheet[1]] == headers
        cells = [
            [cell_text(v) for v in row] for row in sheet.iter_rows(min_row=2, values_only=True)
        ]
        with archive.open(f"{number:02d}-{key}.csv") as file:
            lines = list(csv.reader(io.TextIOWrapper(file, encoding="utf-8-sig")))
        assert lines[0] == headers
        assert [[cell_text(cell) for cell in line] for line in lines[1:]] == cells, key
        assert len(cells) == len(rows), key
        if key in ("godparents", "without_godparent"):  # lists: in the files only
            assert key not in tables
            assert f'id="w-{key}"' in page
        elif rows:  # an empty table is a sentence in the HTML
            sheet_name, cells = tables[key]
            assert sheet_name == name
            assert len(cells) == len(shown.get(key, rows))
            assert [[shown_as_stored(c, key) for c in row] for row in cells] == sheet_rows(sheet)

    summary = {
        (r[0], r[1]): r[2] for r in workbook["Summary"].iter_rows(min_row=2, values_only=True)
    }
    assert summary[("Letters", "Letters sent")] == report.sections.letters.sent.value
    assert isinstance(summary[("Letters", "Letters sent")], int)
    names = [row[0] for row in workbook["Godparents"].iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://evil")' in names
    assert not any(str(name).startswith("=") for name in names)


def test_the_public_files_name_no_discreet_godparent_and_no_unpublished_prisoner(world):
    hidden = {g.full_name for g in world["godparents"] if g.is_discreet}
    hidden |= {g.full_name for g in world["godparents"] if not g.public_listing_consent}
    hidden |= {p.name_latin for p in world["prisoners"] if p.publicity == Publicity.NONE}
    notable = AdvocacyAction.objects.filter(
        kind__in=NOTABLE_KINDS, verification="verified", occurred_on__range=(START, END)
    )
    secret_actions = {
        a.title
        for a in notable
        if not a.is_public or any(p.publicity == Publicity.NONE for p in a.prisoners.all())
    }
    assert secret_actions
    hidden |= secret_actions
    hidden.add("Replies")  # letters' answers are never public
    public = report_files(
        report_build(start=START, end=END, variant="public"), generated_at=GENERATED
    )
    internal = report_files(
        report_build(start=START, end=END, variant="internal"), generated_at=GENERATED
    )

    def texts(files) -> dict[str, str]:
        workbook = load_workbook(io.BytesIO(files["xlsx"]))
        archive = zipfile.ZipFile(io.BytesIO(files["csv"]))
        return {
            "html": files["html"].decode(),
            "pdf": "".join(p.extract_text() for p in PdfReader(io.BytesIO(files["pdf"])).pages),
            "xlsx": " ".join(
                str(v) for s in workbook for row in s.iter_rows(values_only=True) for v in row
            ),
            "csv": " ".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist()),
        }

    for kind, text in texts(public).items():
        assert not [name for name in hidden if name in text], kind
    # The internal variant does name them: the check above is not vacuous.
    for kind, text in texts(internal).items():
        assert [name for name in hidden if name in text], kind
        assert "Do not publish" in text, kind  # the tabular files carry the warning too
    for kind, text in texts(public).items():
        assert "Do not publish" not in text, kind


def test_the_pdf_is_a4_with_a_cover_contents_page_numbers_and_the_headline_figures(world):
    report = report_build(start=START, end=END, variant="public")
    pdf = PdfReader(io.BytesIO(report_files(report, generated_at=GENERATED)["pdf"]))
    pages = [" ".join(page.extract_text().split()) for page in pdf.pages]
    letters = report.sections.letters

    assert len(pages) > 5
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert "Congress of symbolic godparents" in pages[0]
    assert "1 July 2026 – 30 September 2026" in pages[0]
    assert "Contents" in pages[0]
    assert "Advocacy actions" in pages[0]
    assert f"2 / {len(pages)}" in pages[1]  # page numbers, not on the cover
    summary = next(text for text in pages if "Summary" in text and "Previous period" in text)
    assert re.search(rf"Letters sent\s*{letters.sent.value}\s*{letters.sent.previous}", summary)


def test_a_report_asked_in_belarusian_is_written_in_belarusian(world):
    with translation.override("be"):
        report = report_build(start=START, end=END, variant="public")
        sections = report_document(report)
        html = report_html(report, sections, generated_at=GENERATED)
        sheets = [name for _key, name, _headers, _rows in report_sheets(sections)]

    assert 'lang="be"' in html
    assert "Лісты" in html
    assert "Letters sent" not in html
    assert all(len(name) <= 31 for name in sheets)
    assert "Вынікі" in sheets


def test_a_chart_draws_the_first_bars_to_scale_and_says_how_many_it_left_out():
    rows = [(f"Country {n}", 100 - n) for n in range(MAX_BARS + 3)]

    chart = bar_chart(rows, title="Godparents by country")

    assert len(chart.bars) == MAX_BARS
    assert chart.omitted == 3
    assert chart.bars[0].width > chart.bars[-1].width > 0
    assert chart.bars[0].width / chart.bars[1].width == pytest.approx(100 / 99, rel=0.01)
    assert bar_chart([("Nobody", 0)], title="Empty") is None
    assert bar_chart([], title="Empty") is None


def test_names_are_text_in_the_html_and_its_charts_never_markup(world):
    person = next(g for g in world["godparents"] if g.verification_state == "verified")
    AdvocacyAction.objects.filter(
        pk=AdvocacyAction.objects.filter(
            kind__in=NOTABLE_KINDS, verification="verified", occurred_on__range=(START, END)
        ).values("pk")[:1]
    ).update(title="<script>alert(1)</script>")  # a notable action's title: a table's cell
    type(person.parliament).objects.filter(pk=person.parliament_id).update(
        short_name="</text><script>x</script>"
    )
    report = report_build(start=START, end=END, variant="internal")

    page = report_html(report, report_document(report), generated_at=GENERATED)

    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;/text&gt;&lt;script&gt;x&lt;/script&gt;" in page  # a chart's label


def _big_report(variant: str) -> Report:
    """More of everything than a readable PDF can list: 2,000 godparents, 1,500 prisoners without
    one, 150 parliaments and facilities, ten years of months. Listing it all made 200 pages."""
    period = Period(datetime.date(2016, 1, 1), datetime.date(2025, 12, 31))
    months = tuple((f"{2016 + n // 12}-{n % 12 + 1:02d}", 100 + n) for n in range(120))
    many = tuple((f"Parliament {n:03d}", 500 - n) for n in range(150))
    return Report(
        period=period,
        variant=variant,
        scope=Scope(),
        sections=ReportSections(
            godparents=GodparentFigures(
                Headline(2000, 1500),
                Headline(500, 400),
                Headline(1800, 1300),
                (("DE", 900), ("FR", 900)),
                many,
                (("EPP", 1000), ("S&D", 800)),
            ),
            prisoners=PrisonerFigures(
                held=3000,
                with_godparent=1500,
                without_godparent=1500,
                coverage=50.0,
                by_region=(("minsk", 3000),),
                by_article=tuple((str(n), f"Article title {n}", 100) for n in range(80)),
                unmatched_named=tuple(f"Unmatched prisoner {n:04d}" for n in range(1500)),
                unmatched_named_total=1500,
                unmatched_unnamed=0,
            ),
            matches=MatchFigures(
                Headline(10, 9), Headline(8, 7), Headline(1, 1), Headline(0, 1), 12
            ),
            letters=LetterFigures(
                Headline(9000, 8000),
                months,
                LetterResults(
                    Headline(10, 9),
                    Headline(900, 800),
                    10.0,
                    tuple((f"Facility {n:03d}", 60, 6, 1) for n in range(150)),
                ),
            ),
            actions=ActionFigures(
                Headline(4000, 3000),
                (("resolution", 4000),),
                (("DE", 4000),),
                months,
                tuple(
                    NotableAction(datetime.date(2025, 1, 1), "resolution", "A title " * 30)
                    for _ in range(NOTABLE_LIMIT)
                ),
            ),
            outcomes=OutcomeFigures(10, (("released_served", 10),), 300),
            listed=tuple(
                ListedGodparent(
                    f"Listed godparent {n:04d}",
                    "Bundestag",
                    "DE",
                    (f"Prisoner {n}", f"Prisoner {n + 1}"),
                    0,
                    3,
                    2,
                )
                for n in range(2000)
            ),
        ),
    )


@pytest.mark.parametrize("variant", ["public", "internal"])
def test_the_pdf_stays_a_readable_document_and_the_files_keep_the_full_lists(db, variant):
    report = _big_report(variant)

    files = report_files(report, generated_at=GENERATED)

    pdf = PdfReader(io.BytesIO(files["pdf"]))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert len(pdf.pages) <= 40
    assert "Listed godparent" not in text  # the lists are in the files only
    assert "Unmatched prisoner" not in text
    assert "This list (2000 rows) is in the workbook, sheet “Godparents”" in text
    assert "The first 30 of 150 rows" in text
    assert "Parliament 029" in text  # the largest rows are shown
    assert "Parliament 030" not in text
    assert "A title" in text  # the notable actions are in it
    workbook = load_workbook(io.BytesIO(files["xlsx"]), read_only=True)
    assert workbook["Godparents"].max_row == 1 + 2000
    assert workbook["Without a godparent"].max_row == 1 + 1500
    assert workbook["Godparents by parliament"].max_row == 1 + 150
    archive = zipfile.ZipFile(io.BytesIO(files["csv"]))
    listed = next(name for name in archive.namelist() if name.endswith("-godparents.csv"))
    assert archive.read(listed).decode("utf-8-sig").count("Listed godparent") == 2000
    html = files["html"].decode()
    assert "Listed godparent" not in html  # the HTML is the PDF on screen
    assert "table-layout: fixed" in html
