"""django-q2 entry point of report generation (`services.report_run_request`)."""

from .services import report_run_generate


def generate(run_id: int) -> bool:
    return report_run_generate(run_id=run_id)
