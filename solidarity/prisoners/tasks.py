"""django-q2 entry points for prisoner records. They take ids and call services."""

from django.db import transaction
from django_q.tasks import async_task

from .importing.runs import import_run_apply, import_run_plan
from .services import prisoner_refresh_search_keys


def refresh_search_keys(prisoner_id: int) -> bool:
    return prisoner_refresh_search_keys(prisoner_id=prisoner_id)


def enqueue_refresh_search_keys(prisoner_id: int) -> None:
    """Queue the recomputation once the edit is committed, so the worker reads the new names."""
    transaction.on_commit(
        lambda: async_task(
            "solidarity.prisoners.tasks.refresh_search_keys",
            prisoner_id,
            task_name=f"search-keys-{prisoner_id}",
            group="prisoners",
        )
    )


def plan_import(import_id: int) -> None:
    import_run_plan(import_id=import_id)


def apply_import(import_id: int) -> None:
    import_run_apply(import_id=import_id)
