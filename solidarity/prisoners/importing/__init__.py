"""Import of the human rights defenders' list (CSV or XLSX, in English, Russian or Belarusian).

`import_plan` reads a file and returns a dry run; `import_apply` writes it in one transaction.
"""

from solidarity.common.tables import ImportRefused

from .apply import ImportResult, import_apply, import_apply_file
from .plan import ImportPlan, import_plan

__all__ = [
    "ImportPlan",
    "ImportRefused",
    "ImportResult",
    "import_apply",
    "import_apply_file",
    "import_plan",
]
