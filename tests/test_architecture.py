"""The dependency rule (docs/architecture.md) holds, and its check catches what it must.

`lint-imports` reads the contracts in pyproject.toml. The second test proves that the check is
not vacuous: in a copy of the code, one upward import (at module level, or inside a function, the
way a cycle used to be dodged) breaks the contract and is named.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(directory: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own tool, fixed arguments)
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_every_import_contract_is_kept():
    result = _lint(ROOT)

    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "added", "reported"),
    [
        (
            "solidarity/prisoners/selectors.py",
            "from solidarity.matching.models import Match  # noqa\n",
            "solidarity.prisoners.selectors -> solidarity.matching.models",
        ),
        (
            "solidarity/common/forms.py",
            "def _dodge():\n    from solidarity.portal import views  # noqa\n",
            "solidarity.common.forms -> solidarity.portal.views",
        ),
        (
            "solidarity/prisoners/models.py",
            "from solidarity.prisoners.services import prisoner_compute_names  # noqa\n",
            "solidarity.prisoners.models -> solidarity.prisoners.services",
        ),
        (
            "solidarity/activity/services.py",
            "from solidarity.common.pagecache import page_cache_invalidate  # noqa\n",
            "solidarity.activity.services -> solidarity.common.pagecache",
        ),
    ],
    ids=[
        "upward-between-apps",
        "lazy-import-in-a-function",
        "models-importing-services",
        "a-service-calling-the-page-cache",
    ],
)
def test_an_upward_import_breaks_a_contract(tmp_path, module, added, reported):
    for package in ("solidarity", "cms"):
        ignore = shutil.ignore_patterns("__pycache__", "migrations")
        shutil.copytree(ROOT / package, tmp_path / package, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    target = tmp_path / module
    target.write_text(target.read_text() + "\n\n" + added)

    result = _lint(tmp_path)

    assert result.returncode == 1
    assert reported in result.stdout


CITATION = re.compile(r"(?<![\w])(docs/[\w./-]+\.md|[A-Z][A-Z_]+\.md)\b")
CITING = ("solidarity", "cms", "templates", "tests", "bench", "docs", ".ci")


def test_the_code_and_docs_cite_only_files_of_the_repository():
    """A maintainer who clones the repository can read every rationale the code points to."""
    missing = {
        f"{path.relative_to(ROOT)}: {cited}"
        for folder in CITING
        for path in (ROOT / folder).rglob("*")
        if path.is_file()
        and path.suffix in {".py", ".html", ".txt", ".md", ""}
        and "node_modules" not in path.parts  # packages installed for the browser tests
        for cited in CITATION.findall(path.read_text(errors="ignore"))
        if not (ROOT / cited).exists()
    }

    assert sorted(missing) == []


def test_every_link_between_documents_leads_somewhere():
    links = re.compile(r"\]\(([\w./-]+)(?:#[\w-]+)?\)")
    documents = [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]
    broken = [
        f"{document.relative_to(ROOT)}: {target}"
        for document in documents
        for target in links.findall(document.read_text())
        if not (document.parent / target).exists()
    ]

    assert broken == []


def _choice_values() -> dict[str, str]:
    """Every value of every TextChoices of the project, with the enumeration it belongs to."""
    import importlib
    import pkgutil

    from django.db.models import Choices

    import cms
    import solidarity

    values: dict[str, str] = {}
    for package in (solidarity, cms):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if ".migrations" in info.name or ".settings" in info.name:
                continue
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                own = getattr(value, "__module__", None) == module.__name__
                if own and isinstance(value, type) and issubclass(value, Choices):
                    values.update({str(member): f"{info.name}.{name}" for member in value.values})
    return values


def test_templates_compare_no_value_of_a_domain_enumeration():
    """A rule such as "letters cannot reach this person" lives in Python (a property, a selector),
    decided once; a template that compares `status == "incommunicado"` would decide it again,
    and silently stop working when the value is renamed."""
    enums = _choice_values()
    comparison = re.compile(r"""(?:==|!=)\s*["']([^"']+)["']|["']([^"']+)["']\s*(?:==|!=)""")
    found = [
        f"{path.relative_to(ROOT)}:{number}: {value} ({enums[value]})"
        for path in (ROOT / "templates").rglob("*")
        if path.is_file()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        for match in comparison.finditer(line)
        if (value := match.group(1) or match.group(2)) in enums
    ]

    assert found == []
