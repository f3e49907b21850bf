import pytest

from .world import report_world


@pytest.fixture
def world(db):
    return report_world()
