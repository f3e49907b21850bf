"""The report's data as a document: sections of labelled figures and tables, in the active language.

Every format renders this one document (HTML and PDF, XLSX, CSV), so that a figure is the same
everywhere and a test can compare them. Codes become labels here (country codes, action kinds,
release statuses, regions), in the language the report was asked in. It reads the builder's typed
sections by attribute (builder.py), so that a renamed or missing figure fails where it is read.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from solidarity.activity.models import ActionKind
from solidarity.godparents.models import Parliament
from solidarity.prisoners.choices import Region, Status

from .builder import (
    ActionFigures,
    CongressFigures,
    GodparentFigures,
    Headline,
    LetterFigures,
    LetterResults,
    ListedGodparent,
    MatchFigures,
    OutcomeFigures,
    PrisonerFigures,
    Report,
    Scope,
)
from .charts import BarChart, bar_chart
from .models import ReportVariant


@dataclass(frozen=True)
class Figure:
    label: str
    value: int | float | None
    previous: int | None = None
    change: int | None = None
    unit: str = ""


# The HTML and the PDF show at most this many rows of a table (the largest first, or the first
# months): the PDF must stay a document of a few dozen pages whatever the number of parliaments,
# facilities or articles. The workbook and the CSV files hold every row.
SHOWN_ROWS = 30


@dataclass
class Table:
    """One table of a section; `key` is stable (CSV file names, HTML ids, tests).

    A `listing` (every godparent, every prisoner without one) is a list to work from, not a figure
    to read: it goes into the workbook and the CSV files only, and the HTML and the PDF say where
    it is. Thousands of rows made the PDF hundreds of pages long (issue 17).
    """

    key: str
    sheet: str  # a workbook's sheet name: at most 31 characters
    title: str
    headers: list[str]
    rows: list[tuple]
    chart: BarChart | None = None
    note: str = ""
    listing: bool = False

    @property
    def widths(self) -> list[float]:
        """Each column's share of the width in percent, for `table-layout: fixed` (which lays a
        table out from its first row, not from all of them): numbers and dates narrow, text wide."""
        first = self.rows[0] if self.rows else (None,) * len(self.headers)
        narrow = [is_number(cell) or isinstance(cell, date) for cell in first]
        weights = [1 if is_narrow else 3 for is_narrow in narrow]
        return [round(100 * weight / sum(weights), 1) for weight in weights]

    @property
    def shown_rows(self) -> list[tuple]:
        """The rows the HTML and the PDF show (none of a listing)."""
        return [] if self.listing else self.rows[:SHOWN_ROWS]

    @property
    def elsewhere(self) -> str:
        """Where the rows the HTML and the PDF leave out are; "" when they show every row."""
        if self.listing and self.rows:
            return ngettext(
                "This list (%(count)s row) is in the workbook, sheet “%(sheet)s”, and in the CSV "
                "files.",
                "This list (%(count)s rows) is in the workbook, sheet “%(sheet)s”, and in the CSV "
                "files.",
                len(self.rows),
            ) % {"count": len(self.rows), "sheet": self.sheet}
        if len(self.rows) > SHOWN_ROWS:
            return _(
                "The first %(shown)s of %(count)s rows; all of them are in the workbook, sheet "
                "“%(sheet)s”, and in the CSV files."
            ) % {"shown": SHOWN_ROWS, "count": len(self.rows), "sheet": self.sheet}
        return ""

    @property
    def columns(self) -> list[tuple[str, bool]]:
        """Each header, and whether its column holds numbers (aligned right, like them)."""
        first = self.rows[0] if self.rows else ()
        return [
            (header, index < len(first) and is_number(first[index]))
            for index, header in enumerate(self.headers)
        ]


def is_number(value) -> bool:
    """A count or a rate, not a flag: booleans are ints in Python."""
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    note: str = ""


def _headline(label: str, figure: Headline) -> Figure:
    return Figure(label, figure.value, figure.previous, figure.change)


def _country(code: str) -> str:
    return str(countries.name(code) or code) if code else _("International assemblies")


def _kind(value: str) -> str:
    return str(ActionKind(value).label) if value in ActionKind.values else value


def _status(value: str) -> str:
    return str(Status(value).label) if value in Status.values else value


def _region(value: str) -> str:
    return str(Region(value).label) if value in Region.values else _("Not known")


def _charted(
    key: str, sheet: str, title: str, headers: list[str], rows: Sequence[tuple], note: str = ""
) -> Table:
    """A table with a bar chart of its first column (the label) against its last (the count)."""
    listed = list(rows)
    chart = bar_chart([(row[0], row[-1]) for row in listed], title=title)
    return Table(key, sheet, title, headers, listed, chart=chart, note=note)


def report_document(report: Report) -> list[Section]:
    """The sections in reading order; call it in the report's language."""
    data, public = report.sections, report.variant == ReportVariant.PUBLIC
    return [
        _godparents(data.godparents, public=public),
        _prisoners(data.prisoners),
        _matches(data.matches),
        _letters(data.letters),
        _actions(data.actions),
        _outcomes(data.outcomes),
        *[_congress(congress, index) for index, congress in enumerate(data.congresses, 1)],
        _listed(data.listed, public=public),
    ]


def _congress(data: CongressFigures, index: int) -> Section:
    return Section(
        f"congress-{index}",
        data.title,
        figures=[
            Figure(_("Participants"), data.participants),
            Figure(_("Checked in at the door"), data.checked_in),
            Figure(_("Taking part online"), data.online),
            Figure(_("Countries"), data.countries),
            Figure(_("Prisoners pledged"), data.pledges),
            Figure(_("Participants who pledged"), data.pledgers),
            Figure(_("Godparenthoods accepted from the pledges"), data.godparenthoods),
        ],
        tables=[
            _charted(
                f"congress_{index}_countries",
                f"{_('Congress')} {index}: {_('Countries')}"[:31],
                _("Participants, by country"),
                [_("Country"), _("Participants")],
                [(_deported_country(code), count) for code, count in data.by_country],
            )
        ],
        note=_(
            "%(start)s – %(end)s. Godparenthoods count those accepted by participants who pledged, "
            "from the Congress's opening to the end of the period. In the public variant a "
            "country with fewer than three participants counts under “other or not recorded”."
        )
        % {"start": date_format(data.starts_on), "end": date_format(data.ends_on)},
    )


def _godparents(data: GodparentFigures, *, public: bool) -> Section:
    godparents = _("Godparents")
    return Section(
        "godparents",
        godparents,
        note=_("The tables leave out godparents who asked for discretion; the totals count them.")
        if public
        else "",
        figures=[
            _headline(_("Godparents signed up"), data.total),
            _headline(_("New in the period"), data.new),
            _headline(_("Verified godparents"), data.verified),
        ],
        tables=[
            _charted(
                "godparents_by_country",
                _("Godparents by country"),
                _("Verified godparents by country"),
                [_("Country"), godparents],
                [(_country(code), count) for code, count in data.by_country],
            ),
            _charted(
                "godparents_by_parliament",
                _("Godparents by parliament"),
                _("Verified godparents by parliament"),
                [_("Parliament"), godparents],
                data.by_parliament,
            ),
            _charted(
                "godparents_by_group",
                _("Godparents by group"),
                _("Verified godparents by political group"),
                [_("Political group"), godparents],
                data.by_group,
            ),
        ],
    )


def _prisoners(data: PrisonerFigures) -> Section:
    held = _("Held")
    return Section(
        "prisoners",
        _("Prisoners"),
        figures=[
            Figure(_("Held now"), data.held),
            Figure(_("With a godparent"), data.with_godparent),
            Figure(_("Without a godparent"), data.without_godparent),
            Figure(_("Coverage"), data.coverage, unit="%"),
        ],
        tables=[
            _charted(
                "prisoners_by_region",
                _("Prisoners by region"),
                _("Prisoners held, by home region"),
                [_("Region"), held],
                [(_region(region), count) for region, count in data.by_region],
            ),
            _charted(
                "prisoners_by_article",
                _("Prisoners by article"),
                _("Prisoners held, by article of the criminal code"),
                [_("Article"), _("Title"), held],
                data.by_article,
            ),
            Table(
                "without_godparent",
                _("Without a godparent"),
                _("Prisoners still without a godparent"),
                [_("Name")],
                [(name,) for name in data.unmatched_named],
                note=_without_note(data),
                listing=True,
            ),
        ],
        note=_("The prisoners' figures are the whole list's today, whatever the scope."),
    )


def _without_note(data: PrisonerFigures) -> str:
    notes: list[str] = []
    shown, named = len(data.unmatched_named), data.unmatched_named_total
    if shown < named:
        notes.append(
            _("The list shows the first %(shown)s of %(named)s.") % {"shown": shown, "named": named}
        )
    if unnamed := data.unmatched_unnamed:
        notes.append(
            _("%(count)s more whose families asked that their names not be published.")
            % {"count": unnamed}
        )
    return " ".join(notes)


def _matches(data: MatchFigures) -> Section:
    left_out = data.first_match_before_sign_up
    return Section(
        "matches",
        _("Matches"),
        note=ngettext(
            "%(count)s godparent whose first match is dated before their sign-up (an imported "
            "record) is left out of the median.",
            "%(count)s godparents whose first match is dated before their sign-up (imported "
            "records) are left out of the median.",
            left_out,
        )
        % {"count": left_out}
        if left_out
        else "",
        figures=[
            _headline(_("Offered"), data.made),
            _headline(_("Accepted"), data.accepted),
            _headline(_("Declined"), data.declined),
            _headline(_("Ended"), data.ended),
            Figure(
                _("Median days from sign-up to first match"),
                data.median_days_to_first_match,
            ),
        ],
    )


def _letters(data: LetterFigures) -> Section:
    """Returns, replies and facilities are in the internal variant only (builder.LetterFigures)."""
    sent = _("Letters sent")
    section = Section(
        "letters",
        _("Letters"),
        figures=[_headline(sent, data.sent)],
        tables=[
            _charted(
                "letters_by_month",
                _("Letters by month"),
                _("Letters sent, by month"),
                [_("Month"), sent],
                data.by_month,
            )
        ],
    )
    if data.results is None:
        section.note = _("Whether letters are answered or returned is for organisers only.")
    else:
        _add_letter_results(section, data.results, sent=sent)
    return section


def _add_letter_results(section: Section, results: LetterResults, *, sent: str) -> None:
    section.figures += [
        _headline(_("Returned"), results.returned),
        _headline(_("Replies"), results.replies),
        Figure(_("Reply rate"), results.reply_rate, unit="%"),
    ]
    section.tables.append(
        Table(
            "letters_by_facility",
            _("Letters by facility"),
            _("Letters by facility"),
            [_("Facility"), sent, _("Replies"), _("Returned")],
            list(results.by_facility),
        )
    )


def _actions(data: ActionFigures) -> Section:
    actions = _("Verified actions")
    return Section(
        "actions",
        _("Advocacy actions"),
        figures=[_headline(actions, data.verified)],
        tables=[
            _charted(
                "actions_by_kind",
                _("Actions by kind"),
                _("Verified actions, by kind"),
                [_("Kind"), actions],
                [(_kind(kind), count) for kind, count in data.by_kind],
            ),
            _charted(
                "actions_by_country",
                _("Actions by country"),
                _("Verified actions, by country of the godparents"),
                [_("Country"), actions],
                [(_country(code), count) for code, count in data.by_country],
                note=_(
                    "An action of godparents from several countries counts once in each of them, "
                    "so this column adds up to more than the verified actions."
                ),
            ),
            _charted(
                "actions_by_month",
                _("Actions by month"),
                _("Verified actions, by month"),
                [_("Month"), actions],
                data.by_month,
            ),
            Table(
                "notable_actions",
                _("Notable actions"),
                _("Notable actions"),
                [_("Date"), _("Kind"), _("Title")],
                [(a.date, _kind(a.kind), a.title) for a in data.notable],
            ),
        ],
        note=_("Only actions verified by the organisers count."),
    )


def _outcomes(data: OutcomeFigures) -> Section:
    return Section(
        "outcomes",
        _("Outcomes"),
        figures=[
            Figure(_("Prisoners with godparents released"), data.released),
            Figure(_("Median days with godparents"), data.median_days_with_godparents),
            Figure(_("People supported in exile"), data.supported_in_exile),
            Figure(_("Verified actions for people in exile"), data.exile_actions),
        ],
        tables=[
            _charted(
                "releases",
                _("Releases"),
                _("Releases, by how"),
                [_("Way of release"), _("Prisoners")],
                [(_status(status), count) for status, count in data.by_status],
            ),
            Table(
                "deported_to",
                _("Deported to"),
                _("Deported people, by the country they were taken to"),
                [_("Country"), _("People")],
                [(_deported_country(code), count) for code, count in data.deported_to],
            ),
        ],
        note=_(
            "Where released people live is never published: the countries of deportation are "
            "counted only, and a country with fewer than three people counts under “other or "
            "not recorded”. Nobody released inside Belarus is named in this report."
        ),
    )


def _deported_country(code: str) -> str:
    return str(countries.name(code) or code) if code else _("Other or not recorded")


def _listed(rows: tuple[ListedGodparent, ...], *, public: bool) -> Section:
    note = (
        _(
            "Only godparents who agreed to be listed are named, and only prisoners whose families "
            "agreed to publicity; the others count in every total."
        )
        if public
        else _("Internal: names every verified godparent and every prisoner. Do not publish.")
    )
    return Section(
        "listed",
        _("Godparents and their work"),
        note=note,
        tables=[
            Table(
                "godparents",
                _("Godparents"),
                _("Godparents"),
                [
                    _("Name"),
                    _("Parliament"),
                    _("Country"),
                    _("Prisoners"),
                    _("Prisoners not named"),
                    _("Letters"),
                    _("Verified actions"),
                ],
                [
                    (
                        row.name,
                        row.parliament,
                        _country(row.country) if row.country else "",
                        "; ".join(row.prisoners),
                        row.unnamed_prisoners,
                        row.letters,
                        row.actions,
                    )
                    for row in rows
                ],
                listing=True,
            )
        ],
    )


def scope_labels(scope: Scope) -> list[str]:
    """What the report covers, for its cover: countries, parliaments and groups by name."""
    parliaments = Parliament.objects.filter(pk__in=scope.parliaments).order_by("name")
    return [
        *(_country(code) for code in scope.countries),
        *(parliament.short_name or parliament.name for parliament in parliaments),
        *scope.groups,
    ]
