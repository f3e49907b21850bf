"""Files and people for the tests of the import of advocacy actions."""

import csv
import io

from openpyxl import Workbook

from solidarity.accounts.roles import Role
from solidarity.godparents.models import VerificationState
from solidarity.prisoners.choices import Publicity
from tests.factories import GodparentProfileFactory, PrisonerFactory, UserFactory, user_with_role

HEADER = ["date", "kind", "title", "description", "evidence link", "prisoners", "godparents"]
HEADER += ["public"]
FIELDS = ["date", "kind", "title", "description", "evidence", "prisoners", "godparents", "public"]


def row(**cells: str) -> dict[str, str]:
    """A valid row about the `people` fixture; override any cell."""
    defaults = {
        "date": "15.03.2026",
        "kind": "Parliamentary question",
        "title": "Written question on Maryia Kalesnikava",
        "description": "Asked in the plenary week.",
        "evidence": "https://example.org/questions/1",
        "prisoners": "1001",
        "godparents": "anna@example.org",
        "public": "yes",
    }
    return {**defaults, **cells}


def make_csv(rows: list[dict[str, str]], *, header: list[str] = HEADER) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for cells in rows:
        writer.writerow([cells.get(name, "") for name in FIELDS])
    return buffer.getvalue().encode()


def make_xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for cells in rows:
        workbook.active.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_people() -> dict:
    """Two public prisoners, one private; a verified and an unverified godparent."""
    kalesnikava = PrisonerFactory(external_id="1001")
    znak = PrisonerFactory(
        external_id="1002",
        name_latin="Maksim Znak",
        name_ru="Максим Знак",
        name_be="Максім Знак",
    )
    private = PrisonerFactory(
        external_id="",
        name_latin="Ivan Private",
        name_ru="Иван Скрытый",
        name_be="Іван Схаваны",
        publicity=Publicity.NONE,
    )
    anna = GodparentProfileFactory(user=UserFactory(email="anna@example.org"))
    bert = GodparentProfileFactory(
        user=UserFactory(email="bert.private@example.org"), official_email="bert@bundestag.de"
    )
    waiting = GodparentProfileFactory(
        user=UserFactory(email="waiting@example.org"),
        verification_state=VerificationState.UNVERIFIED,
        verified_at=None,
    )
    return {
        "kalesnikava": kalesnikava,
        "znak": znak,
        "private": private,
        "anna": anna,
        "bert": bert,
        "waiting": waiting,
        "organiser": user_with_role(Role.ORGANISER),
    }
