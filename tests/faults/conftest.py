"""The fault suite (`make faults`): one production-shaped stack for the whole run.

These tests start processes and take minutes, so they are marked `faults` and left out of
`make test`; `.ci/run` runs them on PostgreSQL.
"""

import pytest

from .stack import Stack, production_stack


@pytest.fixture(scope="session")
def stack() -> Stack:
    with production_stack() as built:
        yield built
