"""Imports of the defenders' list started from the admin: upload, dry run, apply.

The steps, their states, the background jobs, progress and stall detection are the project's
one staged-import kernel (`solidarity.common.staging`, on the job kernel `common.jobs`); this
module says how the list is counted, planned and applied, and what its dry run stores besides
the rows (the records no longer listed, and the summary of releases, deaths and transfers with
the godparents concerned).
"""

from dataclasses import asdict

from solidarity.common.staging import PLANNING_PHASE, Progress, StagedPlan, Stager
from solidarity.common.tables import read_rows
from solidarity.prisoners.models import PrisonerImport
from solidarity.prisoners.signals import status_change_audience

from .apply import ApplyPhase, import_apply_file
from .plan import ImportPlan, import_plan

IMPORT_APPLIED_ACTION = "solidarity.import_applied"


class PrisonerListStager(Stager[PrisonerImport]):
    model = PrisonerImport
    name = "prisoner"
    applied_action = IMPORT_APPLIED_ACTION
    phase_labels = dict(ApplyPhase.choices)

    def count_rows(self, *, content: bytes, filename: str) -> int:
        rows = read_rows(content=content, filename=filename)
        return sum(1 for row in rows[1:] if row)

    def options_of(self, record: PrisonerImport) -> dict:
        return {"requested_language": record.requested_language, "publicity": record.publicity}

    def plan(self, record: PrisonerImport, progress: Progress) -> StagedPlan:
        plan = import_plan(
            content=bytes(record.content),
            filename=record.filename,
            language=record.requested_language or None,
            publicity=record.publicity,
            progress=lambda done, total: progress(PLANNING_PHASE, done, total),
        )
        return StagedPlan(
            counts=plan.counts,
            rows=[_row_data(row) for row in plan.rows],
            fingerprint=plan.fingerprint,
            ignored_columns=plan.ignored_columns,
            fields={
                "language": plan.language,
                "missing": [asdict(item) for item in plan.missing],
                "summary": _summary_data(plan),
            },
        )

    def apply(self, record: PrisonerImport, progress: Progress) -> dict:
        result = import_apply_file(
            content=bytes(record.content),
            filename=record.filename,
            language=record.language,
            publicity=record.publicity,
            fingerprint=record.fingerprint,
            user=record.applied_by,
            progress=progress,
        )
        return asdict(result)


PRISONER_LIST = PrisonerListStager()
BACKGROUND_ROWS = PRISONER_LIST.background_rows
PHASE_LABELS = PRISONER_LIST.labels()


def import_upload(
    *, content: bytes, filename: str, language: str, publicity: str, user
) -> PrisonerImport:
    """Store an uploaded list and start its dry run (ImportRefused: not stored)."""
    return PRISONER_LIST.upload(
        content=content,
        filename=filename,
        user=user,
        requested_language=language,
        publicity=publicity,
    )


import_upload_again = PRISONER_LIST.upload_again
import_run_plan = PRISONER_LIST.run_plan
import_request_apply = PRISONER_LIST.request_apply
import_run_apply = PRISONER_LIST.run_apply
import_progress = PRISONER_LIST.progress


SUMMARY_EXPANDED = 20
# People listed per kind of change (the count says how many in all): a file that lists a few
# people of a 20,000-record list must not store and render 20,000 "no longer on the list".
SUMMARY_PEOPLE = 500


def _summary_data(plan: ImportPlan) -> list[dict]:
    """The dry run's summary as stored for review: each person with the godparents whom the
    change concerns (asked of the apps above through `status_change_audience`, one query)."""
    groups = plan.summary
    ids = [
        entry.prisoner_id
        for group in groups
        if group.kind not in ("new", "gone")  # nobody is told of these
        for entry in group.entries[:SUMMARY_PEOPLE]
        if entry.prisoner_id
    ]
    audience: dict[int, list[str]] = {}
    if ids:
        answers = status_change_audience.send(sender=PrisonerImport, prisoner_ids=ids)
        for _receiver, names in answers:
            if isinstance(names, dict):  # a receiver that knows nobody may return None
                for prisoner_id, people in names.items():
                    audience.setdefault(prisoner_id, []).extend(people)
    return [
        {
            "kind": group.kind,
            "label": group.label,
            "count": len(group.entries),
            "more": max(0, len(group.entries) - SUMMARY_PEOPLE),
            # New people have no godparents yet; a long list or the records no longer listed
            # start folded, so that the releases stay in view.
            "concerns_godparents": group.kind != "new",
            "expanded": len(group.entries) <= SUMMARY_EXPANDED and group.kind != "gone",
            "people": [
                {
                    "line": entry.line,
                    "name": entry.name,
                    "prisoner": entry.prisoner_id,
                    "godparents": audience.get(entry.prisoner_id or 0, []),
                }
                for entry in group.entries[:SUMMARY_PEOPLE]
            ],
        }
        for group in groups
    ]


def _row_data(row) -> dict:
    """A row of the dry run as the review table shows it: plain, translated text."""
    return {
        "line": row.line,
        "name": row.name,
        "id": row.external_id,
        "action": str(row.action),
        "prisoner": row.prisoner_id,
        "errors": row.errors,
        "warnings": row.warnings,
        "changes": [[change.field, change.old, change.new] for change in row.changes],
    }
