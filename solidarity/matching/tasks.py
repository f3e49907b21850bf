"""django-q2 entry points for matching, and the background job that computes a run.

The job is registered with the kernel (`solidarity.common.jobs`), which every worker imports
this module through; it takes the run's id and calls the service.
"""

from solidarity.common.jobs import Progress, job_kind_register

from .runs import MATCHING_RUN_JOB, matching_run_execute, matching_run_job_failed


def execute_run(run_id: int, progress: Progress) -> None:
    matching_run_execute(run_id=run_id, progress=progress)


job_kind_register(MATCHING_RUN_JOB, handler=execute_run, on_failed=matching_run_job_failed)
