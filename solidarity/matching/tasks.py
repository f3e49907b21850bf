"""django-q2 entry points for matching. They take ids and call services."""

from .runs import matching_run_execute


def execute_run(run_id: int) -> bool:
    return matching_run_execute(run_id=run_id)
