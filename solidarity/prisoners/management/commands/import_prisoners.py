"""Import the defenders' list from a CSV or XLSX file: a dry run unless --apply is given.

`--apply` writes every valid row and skips the invalid ones (exit status 1 when any was
skipped, so that a scheduled import is noticed); `--strict` writes all rows or none.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from solidarity.prisoners.choices import Publicity
from solidarity.prisoners.importing import ImportRefused, import_apply, import_plan
from solidarity.prisoners.importing.plan import ImportPlan, RowAction

SHOWN_CHANGES = 20


class Command(BaseCommand):
    help = "Import the human rights defenders' list (dry run unless --apply)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--apply", action="store_true", help="Write the valid rows; invalid ones are skipped."
        )
        parser.add_argument("--strict", action="store_true", help="With --apply: all rows or none.")
        parser.add_argument("--language", choices=["en", "ru", "be"], default=None)
        parser.add_argument("--publicity", choices=Publicity.values, default=Publicity.BASIC)

    def handle(self, *args, path: Path, apply: bool, strict: bool, language, publicity, **options):
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(str(error)) from error
        try:
            plan = import_plan(
                content=content, filename=path.name, language=language, publicity=publicity
            )
            self._report(plan)
            if not apply:
                self.stdout.write("Dry run: nothing was written (use --apply).")
                if not plan.is_valid:
                    raise CommandError(f"{plan.skipped} invalid rows would be skipped.")
                return
            result = import_apply(plan=plan, strict=strict)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Applied: {result.created} created, {result.updated} updated, "
                    f"{result.unchanged} unchanged, {result.status_changes} status changes."
                )
            )
            if result.skipped:
                raise CommandError(f"{result.skipped} invalid rows were skipped (not written).")
        except ImportRefused as error:
            raise CommandError(error.message) from error
        except ValidationError as error:  # a rule the dry run did not foresee: nothing written
            raise CommandError("; ".join(error.messages)) from error

    def _report(self, plan: ImportPlan) -> None:
        counts = ", ".join(f"{action}: {count}" for action, count in plan.counts.items())
        self.stdout.write(f"{plan.filename} ({plan.language}) — {counts}")
        for group in plan.summary:
            names = ", ".join(entry.name for entry in group.entries[:SHOWN_CHANGES])
            more = " ..." if len(group.entries) > SHOWN_CHANGES else ""
            self.stdout.write(f"{group.label}: {len(group.entries)} — {names}{more}")
        if plan.ignored_columns:
            self.stdout.write(f"Ignored columns: {', '.join(plan.ignored_columns)}")
        for row in plan.rows:
            if row.action == RowAction.INVALID:
                self.stdout.write(f"Line {row.line} ({row.name}): {'; '.join(row.errors)}")
            elif row.warnings:
                self.stdout.write(
                    f"Line {row.line} ({row.name}) warning: {'; '.join(row.warnings)}"
                )
        changed = [row for row in plan.rows if row.action in (RowAction.NEW, RowAction.CHANGED)]
        for row in changed[:SHOWN_CHANGES]:
            details = "; ".join(f"{c.field}: {c.old} → {c.new}" for c in row.changes)
            self.stdout.write(f"Line {row.line} {row.action} {row.name}: {details}")
        if plan.missing:
            self.stdout.write(f"Records not in the file (kept, never deleted): {len(plan.missing)}")
        for record in plan.missing[:SHOWN_CHANGES]:
            self.stdout.write(f"  {record.external_id} {record.name}")
