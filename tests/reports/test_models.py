import datetime

import pytest
from django.db import IntegrityError, transaction

from solidarity.reports.models import ReportRun
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_report_period_must_end_after_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportRun.objects.create(
            period_start=datetime.date(2026, 6, 1),
            period_end=datetime.date(2026, 1, 1),
            created_by=UserFactory(),
        )


def test_a_report_cannot_finish_before_it_started():
    from django.utils import timezone

    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportRun.objects.create(
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 6, 1),
            created_by=UserFactory(),
            started_at=now,
            finished_at=now - datetime.timedelta(minutes=1),
        )
