"""Start-up: manage.py starts without the cyclic garbage collector, and the common app, installed
last, turns it back on once every app is ready, the start-up's objects frozen
(solidarity/common/apps.py)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def test_the_common_app_is_installed_last_so_that_its_ready_ends_start_up():
    assert settings.INSTALLED_APPS[-1] == "solidarity.common"


def test_manage_py_collects_garbage_once_started_and_not_before():
    code = (
        "import gc; "
        "print(gc.isenabled(), gc.get_freeze_count() > 0, gc.get_stats()[2]['collections'])"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    # On, the start-up's objects frozen, and no full collection happened while starting.
    assert result.stdout.split() == ["True", "True", "0"]
