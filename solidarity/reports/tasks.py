"""Background work of reports: the job that generates one (`services.report_run_request`).

Registered with the job kernel (`solidarity.common.jobs`), which every worker imports this
module through: the kernel claims the job, beats, retries a dead worker's job once, and calls
`report_run_job_failed` when it fails.
"""

from solidarity.common.jobs import Progress, job_kind_register

from .services import REPORT_JOB, report_run_generate, report_run_job_failed


def generate(run_id: int, progress: Progress) -> None:
    report_run_generate(run_id=run_id, progress=progress)


job_kind_register(REPORT_JOB, handler=generate, on_failed=report_run_job_failed)
