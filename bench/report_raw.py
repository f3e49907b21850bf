"""The anchor of the report's data part: the public variant's figures by hand-written SQL.

One statement per group of figures (21 in all, against the builder's 25), straight through the
database cursor: no ORM, no model instances, the medians and the names' language done in Python
as the builder does them. It reads the same tables for the same figures, so that "the builder is
N× the raw pass" says what the ORM layer and the query shapes cost, not what the data costs;
`raw_pass` returns headline figures that the benchmark compares with the builder's (a faster
anchor that counted something else would make the ratio meaningless).

Works on SQLite and PostgreSQL: only dates and month names differ (`_Dialect`).
"""

import datetime
import statistics
from typing import Any

from django.db import connection
from django.utils import timezone

from solidarity.prisoners.choices import DETAINED_STATUSES, PUBLIC_PUBLICITY, RELEASED_STATUSES
from solidarity.reports.builder import NOTABLE_KINDS, NOTABLE_LIMIT, UNMATCHED_LIMIT


def _in(values) -> str:
    return "(" + ", ".join(f"'{value}'" for value in sorted(str(v) for v in values)) + ")"


def _midnight(day: datetime.date) -> datetime.datetime:
    """A local day's first moment: `created_at__date` in the report's time zone, as a bound."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    if connection.vendor == "sqlite":  # stored as naive UTC text: compare like with like
        return moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return moment


def _days(later: str, earlier: str) -> str:
    if connection.vendor == "postgresql":
        return f"EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400.0"
    return f"julianday({later}) - julianday({earlier})"


def _month(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"to_char({column}, 'YYYY-MM')"
    return f"strftime('%%Y-%%m', {column})"


DETAINED, RELEASED, PUBLIC = _in(DETAINED_STATUSES), _in(RELEASED_STATUSES), _in(PUBLIC_PUBLICITY)
ACCEPTED = "('active', 'ended')"
LISTED = (
    "g.deleted_at IS NULL AND g.verification_state = 'verified' "
    "AND g.public_listing_consent AND NOT g.is_discreet"
)


def raw_pass(start: datetime.date, end: datetime.date) -> dict[str, Any]:
    """Every figure of the public variant without a scope; returns the ones the bench compares."""
    length = end - start + datetime.timedelta(days=1)
    before_start = start - length
    lo, hi = _midnight(start), _midnight(end + datetime.timedelta(days=1))
    before_lo = _midnight(before_start)
    out: dict[str, Any] = {}
    with connection.cursor() as cursor:

        def rows(sql: str, params=()) -> list[tuple]:
            cursor.execute(sql, params)
            return cursor.fetchall()

        total, _before, new, _new_before, verified, _verified_before = rows(
            "SELECT SUM(CASE WHEN g.created_at < %s THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN g.created_at < %s THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN g.created_at >= %s AND g.created_at < %s THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN g.created_at >= %s AND g.created_at < %s THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN g.verification_state = 'verified' AND g.verified_at < %s"
            " THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN g.verification_state = 'verified' AND g.verified_at < %s"
            " THEN 1 ELSE 0 END)"
            " FROM godparents_godparentprofile g WHERE g.deleted_at IS NULL",
            [hi, lo, lo, hi, before_lo, lo, hi, lo],
        )[0]
        out["godparents"] = (total, new, verified)
        breakdown = (
            "FROM godparents_godparentprofile g"
            " LEFT JOIN godparents_parliament p ON p.id = g.parliament_id"
            " WHERE g.deleted_at IS NULL AND g.verification_state = 'verified'"
            " AND g.verified_at < %s AND NOT g.is_discreet"
        )
        rows(
            f"SELECT p.country, p.name, p.short_name, COUNT(*) {breakdown}"
            " GROUP BY p.country, p.name, p.short_name ORDER BY 4 DESC, p.name",
            [hi],
        )
        rows(
            f"SELECT g.political_group, COUNT(*) {breakdown} AND g.political_group <> ''"
            " GROUP BY g.political_group ORDER BY 2 DESC, 1",
            [hi],
        )

        active = (
            "EXISTS (SELECT 1 FROM matching_match m WHERE m.prisoner_id = p.id"
            " AND m.status = 'active')"
        )
        out["prisoners"] = rows(
            f"SELECT COUNT(*), SUM(CASE WHEN {active} THEN 1 ELSE 0 END)"  # noqa: S608
            f" FROM prisoners_prisoner p WHERE p.status IN {DETAINED}"
        )[0]
        rows(
            "SELECT p.name_latin, p.name_ru, p.name_be, COUNT(*) OVER ()"  # noqa: S608
            f" FROM prisoners_prisoner p WHERE p.status IN {DETAINED} AND NOT {active}"
            f" AND p.publicity IN {PUBLIC} ORDER BY p.sort_name LIMIT {UNMATCHED_LIMIT}"
        )
        rows(
            "SELECT p.region, COUNT(*) FROM prisoners_prisoner p"  # noqa: S608
            f" WHERE p.status IN {DETAINED} GROUP BY p.region ORDER BY 2 DESC, 1"
        )
        rows(
            "SELECT a.number, a.title_en, a.title_ru, a.title_be,"  # noqa: S608
            " COUNT(DISTINCT c.prisoner_id) FROM prisoners_charge c"
            " JOIN prisoners_prisoner p ON p.id = c.prisoner_id"
            " JOIN prisoners_criminalarticle a ON a.id = c.article_id"
            f" WHERE p.status IN {DETAINED}"
            " GROUP BY a.id, a.number, a.title_en, a.title_ru, a.title_be ORDER BY 5 DESC, 1"
        )

        in_period = "m.{0} >= %s AND m.{0} < %s"
        sums = []
        params: list[Any] = []
        for bounds in ((lo, hi), (before_lo, lo)):
            sums += [
                f"SUM(CASE WHEN {in_period.format('offered_at')} THEN 1 ELSE 0 END)",
                f"SUM(CASE WHEN {in_period.format('responded_at')} AND m.status IN {ACCEPTED}"
                " THEN 1 ELSE 0 END)",
                f"SUM(CASE WHEN {in_period.format('responded_at')} AND m.status = 'declined'"
                " THEN 1 ELSE 0 END)",
                f"SUM(CASE WHEN {in_period.format('ended_at')} THEN 1 ELSE 0 END)",
            ]
            params += [*bounds] * 4
        out["matches"] = rows(f"SELECT {', '.join(sums)} FROM matching_match m", params)[0][:4]  # noqa: S608
        firsts = rows(
            f"SELECT {_days('f.first', 'g.created_at')} FROM"  # noqa: S608
            " (SELECT m.godparent_id, MIN(m.responded_at) AS first FROM matching_match m"
            f" WHERE m.status IN {ACCEPTED} AND m.responded_at IS NOT NULL"
            " GROUP BY m.godparent_id) f"
            " JOIN godparents_godparentprofile g ON g.id = f.godparent_id"
            " WHERE f.first >= %s AND f.first < %s",
            [lo, hi],
        )
        days = [int(d // 1) for (d,) in firsts if d >= 0]
        out["median_days"] = statistics.median(days) if days else None

        out["letters"] = rows(
            "SELECT SUM(CASE WHEN l.sent_on >= %s THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN l.sent_on < %s THEN 1 ELSE 0 END)"
            " FROM activity_letter l WHERE l.sent_on BETWEEN %s AND %s",
            [start, start, before_start, end],
        )[0][0]
        rows(
            f"SELECT {_month('l.sent_on')}, COUNT(*) FROM activity_letter l"  # noqa: S608
            " WHERE l.sent_on BETWEEN %s AND %s GROUP BY 1 ORDER BY 1",
            [start, end],
        )

        verified_actions = "a.verification = 'verified' AND a.occurred_on BETWEEN %s AND %s"
        out["actions"] = rows(
            "SELECT SUM(CASE WHEN a.occurred_on >= %s THEN 1 ELSE 0 END),"  # noqa: S608
            " SUM(CASE WHEN a.occurred_on < %s THEN 1 ELSE 0 END)"
            f" FROM activity_advocacyaction a WHERE {verified_actions}",
            [start, start, before_start, end],
        )[0][0]
        rows(
            "SELECT a.kind, COUNT(*) FROM activity_advocacyaction a"  # noqa: S608
            f" WHERE {verified_actions} GROUP BY a.kind ORDER BY 2 DESC, 1",
            [start, end],
        )
        out["by_country"] = {
            country or "": count
            for country, count in rows(
                "SELECT x.country, COUNT(*) FROM (SELECT DISTINCT ag.advocacyaction_id,"  # noqa: S608
                " p.country FROM activity_advocacyaction a"
                " JOIN activity_advocacyaction_godparents ag ON ag.advocacyaction_id = a.id"
                " JOIN godparents_godparentprofile g ON g.id = ag.godparentprofile_id"
                " LEFT JOIN godparents_parliament p ON p.id = g.parliament_id"
                f" WHERE {verified_actions}) x GROUP BY x.country ORDER BY 2 DESC, 1",
                [start, end],
            )
        }
        rows(
            f"SELECT {_month('a.occurred_on')}, COUNT(*) FROM activity_advocacyaction a"  # noqa: S608
            f" WHERE {verified_actions} GROUP BY 1 ORDER BY 1",
            [start, end],
        )
        kinds = _in(NOTABLE_KINDS)
        rows(
            "SELECT a.occurred_on, a.kind, a.title FROM activity_advocacyaction a"  # noqa: S608
            f" WHERE {verified_actions} AND a.kind IN {kinds} AND a.is_public AND NOT EXISTS"
            " (SELECT 1 FROM activity_advocacyaction_prisoners ap"
            " JOIN prisoners_prisoner p ON p.id = ap.prisoner_id"
            f" WHERE ap.advocacyaction_id = a.id AND p.publicity NOT IN {PUBLIC})"
            f" ORDER BY a.occurred_on DESC, a.id LIMIT {NOTABLE_LIMIT}",
            [start, end],
        )

        releases = rows(
            "SELECT s.prisoner_id, s.to_status, s.effective_on, MIN(m.responded_at)"  # noqa: S608
            " FROM prisoners_statuschange s JOIN matching_match m ON m.prisoner_id = s.prisoner_id"
            f" WHERE s.effective_on BETWEEN %s AND %s AND s.to_status IN {RELEASED}"
            f" AND m.status IN {ACCEPTED} AND m.responded_at IS NOT NULL"
            " GROUP BY s.id, s.prisoner_id, s.to_status, s.effective_on ORDER BY s.effective_on",
            [start, end],
        )
        seen: dict[int, tuple] = {}
        for row in releases:
            seen.setdefault(row[0], row)
        out["released"] = sum(
            str(first)[:10] <= str(effective) for _p, _s, effective, first in seen.values()
        )

        listed = rows(
            "SELECT g.id, g.full_name, p.short_name, p.name, p.country, g.parliament_other"  # noqa: S608
            " FROM godparents_godparentprofile g"
            f" LEFT JOIN godparents_parliament p ON p.id = g.parliament_id WHERE {LISTED}"
            " ORDER BY g.full_name"
        )
        out["listed"] = len(listed)
        rows(
            "SELECT l.godparent_id, COUNT(*) FROM activity_letter l"  # noqa: S608
            " JOIN godparents_godparentprofile g ON g.id = l.godparent_id"
            f" WHERE l.sent_on BETWEEN %s AND %s AND {LISTED} GROUP BY l.godparent_id",
            [start, end],
        )
        rows(
            "SELECT ag.godparentprofile_id, COUNT(*) FROM activity_advocacyaction_godparents ag"  # noqa: S608
            " JOIN activity_advocacyaction a ON a.id = ag.advocacyaction_id"
            " JOIN godparents_godparentprofile g ON g.id = ag.godparentprofile_id"
            f" WHERE {verified_actions} AND {LISTED} GROUP BY ag.godparentprofile_id",
            [start, end],
        )
        rows(
            "SELECT m.godparent_id, p.name_latin, p.name_ru, p.name_be, p.publicity"  # noqa: S608
            " FROM matching_match m JOIN prisoners_prisoner p ON p.id = m.prisoner_id"
            " JOIN godparents_godparentprofile g ON g.id = m.godparent_id"
            f" WHERE m.status = 'active' AND {LISTED} ORDER BY p.sort_name"
        )
    return out


def builder_figures(report) -> dict[str, Any]:
    """The same headline figures from the builder's report, to check the anchor against."""
    s = report.sections
    return {
        "godparents": (
            s.godparents.total.value,
            s.godparents.new.value,
            s.godparents.verified.value,
        ),
        "prisoners": (s.prisoners.held, s.prisoners.with_godparent),
        "matches": (
            s.matches.made.value,
            s.matches.accepted.value,
            s.matches.declined.value,
            s.matches.ended.value,
        ),
        "median_days": s.matches.median_days_to_first_match,
        "letters": s.letters.sent.value,
        "actions": s.actions.verified.value,
        "by_country": dict(s.actions.by_country),
        "released": s.outcomes.released,
        "listed": len(s.listed),
    }
