from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from solidarity.prisoners.models import Prisoner
from tests.factories import PrisonerFactory
from tests.prisoners.importing.files import make_csv, row

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).resolve().parents[3] / "docs" / "samples" / "prisoners-sample.csv"


def run(*args):
    out = StringIO()
    call_command("import_prisoners", *map(str, args), stdout=out)
    return out.getvalue()


def test_the_command_is_a_dry_run_unless_asked_to_apply(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(make_csv([row()]))
    output = run(path)
    assert "new: 1" in output
    assert "Line 2 new" in output
    assert not Prisoner.objects.exists()
    assert "1 created" in run(path, "--apply", "--publicity", "none")
    assert Prisoner.objects.get().publicity == "none"


def test_apply_writes_the_valid_rows_and_fails_when_it_skipped_any(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(make_csv([row(birthday="31.02.2020"), row(id="1002", name="Максим Знак")]))
    with pytest.raises(CommandError, match="1 invalid rows would be skipped"):
        run(path)
    with pytest.raises(CommandError, match="1 invalid rows were skipped"):
        run(path, "--apply")
    assert list(Prisoner.objects.values_list("external_id", flat=True)) == ["1002"]


def test_strict_apply_writes_nothing_while_a_row_is_invalid(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(make_csv([row(birthday="31.02.2020"), row(id="1002", name="Максим Знак")]))
    with pytest.raises(CommandError, match="strict"):
        run(path, "--apply", "--strict")
    assert not Prisoner.objects.exists()


def test_warnings_are_printed_and_the_row_imports(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(make_csv([row(arrested="12.03.2023", verdict_date="05.05.2022")]))
    output = run(path, "--apply")
    assert "Line 2 (Мария Колесникова) warning: The verdict date is before" in output
    assert Prisoner.objects.get().verdict_date.year == 2022


def test_the_command_fails_on_a_refused_file(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes("id,Имя и фамилия\n1,Мария\n".encode("utf-16"))
    with pytest.raises(CommandError, match="neither UTF-8 nor Windows-1251"):
        run(path)


def test_the_documented_sample_imports_cleanly():
    output = run(SAMPLE, "--apply")
    assert "new: 3" in output
    assert Prisoner.objects.get(external_id="1002").status == "released_served"
    assert Prisoner.objects.get(external_id="1003").status == "no_longer_recognised"


def test_the_command_reports_records_missing_from_the_file(tmp_path):
    PrisonerFactory(external_id="999", name_latin="Kept Person")
    path = tmp_path / "list.csv"
    path.write_bytes(make_csv([row()]))
    output = run(path, "--apply")
    assert "Records not in the file (kept, never deleted): 1" in output
    assert "999 Kept Person" in output
    assert Prisoner.objects.filter(external_id="999").exists()
