"""axe-core in the browser tests: inject it into a Playwright page and read its violations.

axe-core comes from the npm registry, pinned in tests/e2e/package-lock.json and installed by
`make e2e-deps` (`npm ci`). Without it the check fails: an accessibility check that silently
skips would let a regression through, so a missing file is an error, never a skip.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

AXE_PATH = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA: what the acceptance asks of every page.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = frozenset({"serious", "critical"})

_RUN_AXE = """async (tags) => {
  const options = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]};
  const result = await axe.run(document, options);
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    targets: v.nodes.map((n) => n.target.join(" ")),
    summaries: v.nodes.map((n) => (n.failureSummary || "").replace(/\\s+/g, " ").trim()),
  }));
}"""


@dataclass(frozen=True)
class Violation:
    """One axe rule broken on a page, with the elements that break it."""

    id: str
    impact: str
    help: str
    help_url: str
    targets: tuple[str, ...]
    summaries: tuple[str, ...]

    def describe(self) -> str:
        lines = [f"{self.id} [{self.impact}] {self.help} ({self.help_url})"]
        for target, summary in zip(self.targets, self.summaries, strict=False):
            lines.append(f"    {target}: {summary}")
        return "\n".join(lines)


@cache
def axe_source() -> str:
    if not AXE_PATH.is_file():
        raise AssertionError(
            f"axe-core is missing ({AXE_PATH}): run `make e2e-deps` (npm ci in tests/e2e)."
        )
    return AXE_PATH.read_text(encoding="utf-8")


def axe_violations(page) -> list[Violation]:
    """Every WCAG 2.x A/AA violation axe finds on the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # axe.min.js sets window.axe. Evaluated rather than added as a <script>, which a
        # Content-Security-Policy would refuse.
        page.evaluate(f"() => {{ {axe_source()}\n }}")
    found = page.evaluate(_RUN_AXE, WCAG_TAGS)
    return [
        Violation(
            id=item["id"],
            impact=item["impact"] or "",
            help=item["help"],
            help_url=item["helpUrl"],
            targets=tuple(item["targets"]),
            summaries=tuple(item["summaries"]),
        )
        for item in found
    ]


def blocking_violations(page, *, ignore: frozenset[str] = frozenset()) -> list[Violation]:
    """The serious and critical violations, less the rules in `ignore` (known, to be fixed)."""
    return [
        violation
        for violation in axe_violations(page)
        if violation.impact in BLOCKING_IMPACTS and violation.id not in ignore
    ]


def assert_accessible(page, *, ignore: frozenset[str] = frozenset()) -> None:
    """Fail with a readable list when axe finds a serious or critical violation."""
    violations = blocking_violations(page, ignore=ignore)
    assert not violations, f"axe-core on {page.url}:\n" + "\n".join(
        violation.describe() for violation in violations
    )
