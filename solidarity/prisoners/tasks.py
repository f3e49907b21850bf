"""django-q2 entry points for prisoner records. They take ids and call services.

Importing this module also declares the list import's background jobs (plan, apply) to the job
kernel: `importing.runs.PRISONER_LIST` registers them, and every worker imports the apps'
`tasks` modules before its first job (`solidarity.common.jobs`).
"""

from django.db import transaction
from django_q.tasks import async_task

from .importing.runs import PRISONER_LIST
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


IMPORT_JOBS = (PRISONER_LIST.job_kind("plan"), PRISONER_LIST.job_kind("apply"))
